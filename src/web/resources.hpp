#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Files compiled into the binary: migrations, templates, translation catalogues and
// the esbuild output. The binary runs from any directory with nothing beside it.
namespace web::resources {

struct Resource {
  std::string_view name;
  std::string_view data;
};

const std::vector<Resource>& all();

std::optional<std::string_view> find(std::string_view name);
std::vector<Resource> with_prefix(std::string_view prefix);

}  // namespace web::resources
