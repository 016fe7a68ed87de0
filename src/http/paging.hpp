#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/request.hpp"

namespace http {

inline constexpr int kDefaultLimit = 50;
inline constexpr int kMaxLimit = 200;

// Cursor paging over time-ordered ids: the cursor is the last id of the page.
// A list ordered by another column first (a date, newest first) pages by that column
// and the id together: its cursor carries both, and `after_key` holds the column's value.
struct Page {
  std::string after;                     // empty: from the start
  std::optional<std::string> after_key;  // the ordering column's value, for keyset lists
  int limit = kDefaultLimit;

  // Reads ?limit= and ?cursor=; throws ValidationError naming the parameter.
  static Page from(const Request& req);
  // Reads ?limit= alone, for a list with a cursor of its own.
  static int limit_from(const Request& req);
};

// {"items":[…],"next_cursor":…}; `items` holds up to limit+1 rows, the extra one
// only telling that there is a next page.
// With `key_field`, the next cursor carries that field's value of the last item too.
nlohmann::json page_body(nlohmann::json items, const Page& page, const std::string& key_field = "");

std::string encode_cursor(const std::string& id, const std::optional<std::string>& key = {});

// Any text as lower-case hex (safe in an address, opaque), and back: nullopt when `hex` is
// not an even number of hex digits.
std::string to_hex(std::string_view text);
std::optional<std::string> from_hex(std::string_view hex);

// One page of a list already in its order in memory (a project's KPIs, its action plan
// sorted as asked): reads ?limit= and ?cursor= and answers the envelope. The cursor names
// the last item and its place, so the next page starts after that item, or at its place
// when it was removed meanwhile.
nlohmann::json page_in_order(const Request& req, nlohmann::json items);

// The same paging, told only the list's length and each item's id: where the page starts
// and ends and the cursor after it, so a caller converts just the page (http::ordered_list).
struct Slice {
  std::size_t start = 0;
  std::size_t end = 0;
  nlohmann::json next_cursor;  // null on the last page
};
Slice slice_in_order(const Request& req, std::size_t size,
                     const std::function<std::string(std::size_t)>& id_at);

}  // namespace http

namespace http {

// The version an update expects: If-Match ("3", W/"3" or 3) or a `version` field.
// Throws ValidationError("version") when neither is given.
long long required_version(const Request& req, const nlohmann::json& body);
std::optional<long long> optional_version(const Request& req);

}  // namespace http
