#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "audit/audit.hpp"
#include "core/auth_context.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"

namespace kit {

// The one versioned update, for stores. In one write transaction: reads the stored
// object, refuses a stale `expected` version with Conflict carrying the stored object,
// runs `write` (an UPDATE … WHERE version = :expected that sets version = version + 1;
// it returns the rows it changed), re-reads the object and records the audit entry —
// all of it or nothing. `stale` words the refusal when the feature's message predates
// the kit (its translations key on it).
//
//   return kit::versioned_update<Win>(sql_, tenant_id_, who, "win", changed.id, expected,
//       [&] { return get(changed.id); }, [&](long long v) { …UPDATE…; return rows; }, to_json);
//
// The long form names the 409's `stale` message (one the catalogues translate) and what the
// audit entry keeps (`audited`: e.g. the row without the names joined to it for reading).
// `stale` is an English text or a core::Message.
template <typename T, typename Get, typename Write, typename ToJson, typename Audited,
          typename Stale>
T versioned_update(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
                   const std::string& entity, const std::string& id, long long expected, Get get,
                   Write write, ToJson to_json, Audited audited, const Stale& stale) {
  db::WriteTx tx(sql);
  T before = get();
  if (before.version != expected) throw core::Conflict(stale, to_json(before));
  if (write(expected) != 1) throw core::Conflict(stale, to_json(get()));
  T after = get();
  audit::record(sql, tenant_id, who, entity, id, "update", audited(before), audited(after));
  tx.commit();
  return after;
}

// The short form: "the <entity> was changed by someone else; reload it", to_json audited.
template <typename T, typename Get, typename Write, typename ToJson>
T versioned_update(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
                   const std::string& entity, const std::string& id, long long expected, Get get,
                   Write write, ToJson to_json) {
  return versioned_update<T>(sql, tenant_id, who, entity, id, expected, get, write, to_json,
                             to_json, core::Message{"err.stale", {{"entity", entity}}});
}

// The same, refusing a stale version with the feature's own message (the one its
// catalogues translate, e.g. "the KPI was changed by someone else").
template <typename T, typename Get, typename Write, typename ToJson>
T versioned_update(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
                   const std::string& entity, const std::string& id, long long expected, Get get,
                   Write write, ToJson to_json, const std::string& stale) {
  return versioned_update<T>(sql, tenant_id, who, entity, id, expected, get, write, to_json,
                             to_json, stale);
}

// The one versioned delete, for stores: in one write transaction reads the stored object,
// refuses a stale `expected` version (when the caller sent one) with Conflict carrying the
// stored object, runs `remove` (the store's checks and its DELETE) and records the audit entry.
template <typename T, typename Get, typename Remove, typename ToJson>
void versioned_remove(soci::session& sql, const std::string& tenant_id,
                      const core::AuthContext* who, const std::string& entity,
                      const std::string& id, std::optional<long long> expected, Get get,
                      Remove remove, ToJson to_json) {
  db::WriteTx tx(sql);
  T before = get();
  if (expected && *expected != before.version)
    throw core::Conflict("the " + entity + " was changed by someone else", to_json(before));
  remove(before);
  audit::record(sql, tenant_id, who, entity, id, "delete", to_json(before), nullptr);
  tx.commit();
}

// A store's plain delete of one row of its table (`columns`), audited, in one transaction.
template <typename T, typename Get, typename Audited>
void remove_row(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
                const std::string& entity, const db::Columns<T>& columns, const std::string& id,
                Get get, Audited audited) {
  db::WriteTx tx(sql);
  T before = get();
  db::execute(sql, columns.delete_sql(), {{"tenant_id", tenant_id}, {"id", id}});
  audit::record(sql, tenant_id, who, entity, id, "delete", audited(before), nullptr);
  tx.commit();
}

// The write step of a versioned update of one row of `columns`' table: `row`, stamped with
// the time of the change, stored over the version `expected`; returns the rows it changed.
template <typename T>
long long update_row(soci::session& sql, const db::Columns<T>& columns,
                     const std::string& tenant_id, T row, long long expected) {
  row.updated_at = core::now_iso();
  return db::execute(sql, columns.update_sql(),
                     columns.args(row, {{"tenant_id", tenant_id}, {"expected", expected}}));
}

// Rows changed by the last statement run through `st`.
inline long long changed_rows(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace kit
