#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "audit/audit.hpp"
#include "core/auth_context.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/keyset.hpp"
#include "db/query.hpp"
#include "http/paging.hpp"
#include "kit/versioned.hpp"

// The reads, the insert and the update the stores of project-scoped resources share. The SQL stays
// the store's own; these only bind the arguments every such statement names and make the rows into
// objects, so each store writes its shape once.
namespace kit {

// A names column joined to a row, read as a nullable text (a LEFT JOIN may find none).
template <typename T>
using JoinedName = std::pair<std::string_view, std::optional<std::string> T::*>;

// A row of `columns`' table read with the names joined to it (select_joined's extra columns).
template <typename T>
T read_joined(const db::Columns<T>& columns, const db::Row& r,
              std::initializer_list<JoinedName<T>> names) {
  T out = columns.read(r);
  for (const auto& [column, member] : names) out.*member = db::opt_text(r, column);
  return out;
}

// Each row of `rows` made into an object by `from_row`.
template <typename FromRow>
auto read_rows(const db::Rows& rows, FromRow from_row) {
  std::vector<std::invoke_result_t<FromRow&, const db::Row&>> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

// The tenant's rows that `select` (ending in "WHERE <alias>.tenant_id = :tenant_id AND ")
// reads under `where`, a condition (and order) naming one parameter, `key`.
template <typename FromRow>
auto rows_where(soci::session& sql, std::string_view select, const std::string& tenant_id,
                std::string_view where, const std::string& key, const std::string& value,
                FromRow from_row) {
  std::string statement(select);
  statement.append(where);
  return read_rows(db::query(sql, statement, {{"tenant_id", tenant_id}, {key, value}}), from_row);
}

// One page of a project's rows in the order of their ids: `statement` names :tenant_id,
// :project_id, :after (the last id of the page before, "" at the start) and :lim, for which
// one row more than the page's limit is asked (telling whether there is a next page).
template <typename FromRow>
auto project_page(soci::session& sql, std::string_view statement, const std::string& tenant_id,
                  const std::string& project_id, const http::Page& page, FromRow from_row) {
  return read_rows(db::query(sql, statement,
                             {{"tenant_id", tenant_id},
                              {"project_id", project_id},
                              {"after", page.after},
                              {"lim", page.limit + 1}}),
                   from_row);
}

// One page of a project's rows in keyset order: `statement` ends in db::keyset_page over the
// ordering column and the id, which the page's cursor (`after_key`, `after`) continues.
template <typename FromRow>
auto project_keyset_page(soci::session& sql, std::string_view statement,
                         const std::string& tenant_id, const std::string& project_id,
                         const http::Page& page, FromRow from_row) {
  return read_rows(
      db::query(sql, statement,
                db::keyset_args(page.after_key, page.after, page.limit,
                                {{"tenant_id", tenant_id}, {"project_id", project_id}})),
      from_row);
}

// `j` without the keys the audit trail does not keep: names joined to the row and what is
// derived from it, which would record a change the row never had.
inline nlohmann::json without(nlohmann::json j, std::initializer_list<std::string_view> keys) {
  for (auto key : keys) j.erase(std::string(key));
  return j;
}

// A store's insert of a new row of `columns`' table (the tenant's, `extra` bound beside it)
// with its audit entry, what `audited` keeps of the row as inserted; returns it read back
// by `get`, with the names joined to it.
template <typename T, typename Get, typename Audited>
T insert_row(soci::session& sql, const db::Columns<T>& columns, const std::string& tenant_id,
             const core::AuthContext* who, const std::string& entity, const T& row, Get get,
             Audited audited, std::initializer_list<db::Arg> extra = {}) {
  auto args = columns.args(row, {{"tenant_id", tenant_id}});
  args.insert(args.end(), extra);
  db::execute(sql, columns.insert_sql(), args);
  audit::record(sql, tenant_id, who, entity, row.id, "create", nullptr, audited(row));
  return get(row.id);
}

// A new versioned row's bookkeeping: its own id, version 1, made and changed now. Stamped
// after the store's checks, which tell a new row by its empty id.
template <typename T>
void stamp_new(T& row) {
  row.id = core::new_id();
  row.version = 1;
  row.created_at = row.updated_at = core::now_iso();
}

// kit::versioned_update of a row of `columns`' table whose write runs `check` on the row
// first, inside the transaction (the people, units or packages it names must still be the
// tenant's). The 409 carries `to_json` of the stored row, the audit entry what `audited`
// keeps, `stale` words the refusal.
template <typename T, typename Get, typename Check, typename ToJson, typename Audited,
          typename Stale>
T checked_update(soci::session& sql, const db::Columns<T>& columns, const std::string& tenant_id,
                 const core::AuthContext* who, const std::string& entity, const T& changed,
                 long long expected, Get get, Check check, ToJson to_json, Audited audited,
                 const Stale& stale) {
  return versioned_update<T>(
      sql, tenant_id, who, entity, changed.id, expected, get,
      [&](long long version) {
        check(changed);
        return update_row(sql, columns, tenant_id, changed, version);
      },
      to_json, audited, stale);
}

}  // namespace kit
