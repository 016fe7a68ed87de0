#pragma once

#include <initializer_list>
#include <optional>
#include <string>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/columns.hpp"
#include "db/query.hpp"

// Rows that keep who made them in a bound created_by column (benefits, risks, wins, actuals,
// lessons, business cases).
namespace kit {

// Who makes a row: the caller's person; none when the system writes (the demo, a job).
inline std::optional<std::string> author(const core::AuthContext* who) {
  return who ? std::optional<std::string>(who->person_id) : std::nullopt;
}

// Inserts `row` into `columns`' table as the tenant's, made by the caller, with `extra` bound
// beside it.
template <typename T>
void insert_authored(soci::session& sql, const db::Columns<T>& columns,
                     const std::string& tenant_id, const core::AuthContext* who, const T& row,
                     std::initializer_list<db::Arg> extra = {}) {
  const auto created_by = author(who);
  auto args = columns.args(row, {{"tenant_id", tenant_id}, {"created_by", created_by}});
  args.insert(args.end(), extra);
  db::execute(sql, columns.insert_sql(), args);
}

}  // namespace kit
