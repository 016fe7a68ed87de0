#pragma once

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
template <typename Items>
Response ordered_list(const Request& req, const Items& items) {
  return Response::json(200, page_in_order(req, json_items(items)));
}

}  // namespace http
