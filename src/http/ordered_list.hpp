#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "http/paging.hpp"
#include "http/request.hpp"

namespace http {

// Each item as the `to_json` beside its type writes it.
template <typename Items>
nlohmann::json json_items(const Items& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

// A list already in its order in memory, answered one page at a time (page_in_order).
// Items with an `id` have only the page converted: a plan of thousands of rows costs one
// page's JSON, not the whole list's.
template <typename Items>
Response ordered_list(const Request& req, const Items& items) {
  if constexpr (requires { std::string(items[0].id); }) {
    auto slice = slice_in_order(req, items.size(),
                                [&items](std::size_t i) { return std::string(items[i].id); });
    nlohmann::json page = nlohmann::json::array();
    for (std::size_t i = slice.start; i < slice.end; ++i) page.push_back(to_json(items[i]));
    return Response::json(
        200, {{"items", std::move(page)}, {"next_cursor", std::move(slice.next_cursor)}});
  } else {
    return Response::json(200, page_in_order(req, json_items(items)));
  }
}

// One page read by keyset in SQL: `rows` holds up to page.limit + 1 (the extra one only
// tells that there is a next page); each written by `to_item`, and the cursor after the
// last carries the sort key `key_of` gives.
template <typename Rows, typename ToItem, typename KeyOf>
Response keyset_list(const Page& page, const Rows& rows, ToItem to_item, KeyOf key_of) {
  const auto limit = static_cast<std::size_t>(page.limit);
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i) items.push_back(to_item(rows[i]));
  nlohmann::json next = nullptr;
  if (rows.size() > limit) {
    next =
        encode_cursor(items.back().at("id").template get<std::string>(), key_of(rows[limit - 1]));
  }
  return Response::json(200, {{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

}  // namespace http
