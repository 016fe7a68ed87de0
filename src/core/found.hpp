#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/errors.hpp"

namespace core {

// The value looked up, or NotFound in the wording every store uses: "no <what> with id <id>".
template <typename T>
T found(std::optional<T> value, std::string_view what, const std::string& id) {
  if (!value) throw NotFound("no " + std::string(what) + " with id " + id);
  return std::move(*value);
}

}  // namespace core
