#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/query.hpp"

namespace db {

// Keyset paging over a list ordered by a column and then the id (newest first, oldest
// first): a page starts after the last row's (key, id), or at the start without a key.
enum class Order : std::uint8_t { kAscending, kDescending };

// "(:from_start = 1 OR key > :after_key OR (key = :after_key AND id > :after_id))
// ORDER BY key, id LIMIT :limit", with < and DESC for a descending list.
std::string keyset_page(std::string_view key, std::string_view id, Order order);

// The arguments keyset_page names, after `scope`; one row more than `limit` is asked for,
// telling whether there is a next page. The texts are the caller's and outlive the query.
std::vector<Arg> keyset_args(const std::optional<std::string>& after_key,
                             const std::string& after_id, int limit,
                             std::initializer_list<Arg> scope);

}  // namespace db
