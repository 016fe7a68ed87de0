#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/errors.hpp"

namespace core {

// The value looked up, or NotFound in the wording every store uses: "no <what> with id <id>".
template <typename T>
T found(std::optional<T> value, std::string_view what, const std::string& id) {
  if (!value) throw NotFound("no " + std::string(what) + " with id " + id);
  return std::move(*value);
}

// The one row a lookup by id read, or NotFound as above.
template <typename T>
T found(std::vector<T> rows, std::string_view what, const std::string& id) {
  if (rows.empty()) throw NotFound("no " + std::string(what) + " with id " + id);
  return std::move(rows.front());
}

}  // namespace core
