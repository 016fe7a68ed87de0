#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/request.hpp"

namespace http {

inline constexpr int kDefaultLimit = 50;
inline constexpr int kMaxLimit = 200;

// Cursor paging over time-ordered ids: the cursor is the last id of the page.
struct Page {
  std::string after;  // empty: from the start
  int limit = kDefaultLimit;

  // Reads ?limit= and ?cursor=; throws ValidationError naming the parameter.
  static Page from(const Request& req);
};

// {"items":[…],"next_cursor":…}; `items` holds up to limit+1 rows, the extra one
// only telling that there is a next page.
nlohmann::json page_body(nlohmann::json items, const Page& page);

std::string encode_cursor(const std::string& id);

}  // namespace http

namespace http {

// The version an update expects: If-Match ("3", W/"3" or 3) or a `version` field.
// Throws ValidationError("version") when neither is given.
long long required_version(const Request& req, const nlohmann::json& body);
std::optional<long long> optional_version(const Request& req);

}  // namespace http
