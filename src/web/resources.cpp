#include "web/resources.hpp"

#include <algorithm>

namespace web::resources {

std::optional<std::string_view> find(std::string_view name) {
  for (const auto& r : all()) {
    if (r.name == name) return r.data;
  }
  return std::nullopt;
}

std::vector<Resource> with_prefix(std::string_view prefix) {
  std::vector<Resource> out;
  for (const auto& r : all()) {
    if (r.name.substr(0, prefix.size()) == prefix) out.push_back(r);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace web::resources
