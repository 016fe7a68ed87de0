#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/columns.hpp"
#include "db/query.hpp"

// Names shown beside a store's rows (the owner's name, the unit's, the meeting's title), each
// read from another of the tenant's tables by the id the row holds. A join is declared once
// and makes both the store's SELECT and its reader, instead of an alias in the select list,
// a LEFT JOIN written out and the reader's list naming it again.
namespace kit {

template <typename T>
struct NameJoin {
  std::string_view as;     // the name's column in the rows read ("owner_name")
  std::string_view table;  // the table it comes from ("people")
  std::string_view key;    // the row's column holding that table's id ("owner_id")
  std::optional<std::string> T::*member;
  std::string_view column = "name";  // what is read from the other table
};

// columns' SELECT of its table as `alias` with each name LEFT JOINed, so a row whose key is
// NULL, or names a row since removed, reads as no name (see db::Columns::select_joined).
template <typename T>
std::string select_with_names(const db::Columns<T>& columns, std::string_view alias,
                              const std::vector<NameJoin<T>>& names) {
  const std::string a(alias);
  std::string extra;
  std::string joins;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto& n = names[i];
    const std::string j = "n" + std::to_string(i);
    if (!extra.empty()) extra += ", ";
    extra += j + "." + std::string(n.column) + " AS " + std::string(n.as);
    if (!joins.empty()) joins += " ";
    joins += "LEFT JOIN " + std::string(n.table) + " " + j + " ON " + j + ".tenant_id = " + a +
             ".tenant_id AND " + j + ".id = " + a + "." + std::string(n.key);
  }
  return columns.select_joined(alias, extra, joins);
}

// A row read by select_with_names: the table's columns and the joined names.
template <typename T>
T read_with_names(const db::Columns<T>& columns, const db::Row& r,
                  const std::vector<NameJoin<T>>& names) {
  T out = columns.read(r);
  for (const auto& n : names) out.*(n.member) = db::opt_text(r, n.as);
  return out;
}

}  // namespace kit
