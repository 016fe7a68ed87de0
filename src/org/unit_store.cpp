#include "org/unit_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned_wording.hpp"
#include "org/id_list.hpp"
#include "org/person_store.hpp"
#include "org/removal.hpp"

namespace org {
namespace {

// The table keeps the fields the API reads and writes, under the same names.
const db::Columns<Unit>& columns() {
  static const auto c = unit_fields().columns("units");
  return c;
}

const std::string kSelectAll = columns().select_sql() + " ORDER BY id";
const std::string kSelectPage = columns().select_sql() + " AND id > :after ORDER BY id LIMIT :lim";

constexpr std::string_view kCountChildren =
    "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id AND parent_id = :id";

constexpr std::string_view kCountMembers =
    "SELECT COUNT(*) FROM people WHERE tenant_id = :tenant_id AND unit_id = :id";

const kit::Wording kWording{"unit", core::Message{"err.unit_stale"},
                            core::Message{"err.unit_moved"}};

}  // namespace

Unit with(Unit u, const UnitFields& fields) {
  take(u.name, fields.name);
  take(u.kind, fields.kind);
  take(u.parent_id, fields.parent_id);
  take(u.manager_id, fields.manager_id);
  return u;
}

std::vector<Unit> UnitStore::lineage(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  std::vector<db::Arg> args = {{"tenant_id", tenant_id_}};
  const IdList seeds(ids, args);
  // UNION, not UNION ALL: a unit reached twice (or a cycle) is walked once.
  const std::string statement =
      "WITH RECURSIVE up(id) AS (SELECT id FROM units WHERE tenant_id = :tenant_id AND id IN (" +
      seeds.sql +
      ") UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id "
      "WHERE u.tenant_id = :tenant_id AND u.parent_id IS NOT NULL) " +
      columns().select_sql() + " AND id IN (SELECT id FROM up) ORDER BY id";
  return columns().read_all(db::query(sql_, statement, args));
}

std::vector<Unit> UnitStore::all() {
  return columns().read_all(db::query(sql_, kSelectAll, {{"tenant_id", tenant_id_}}));
}

std::vector<Unit> UnitStore::page(const std::string& after, int limit) {
  return columns().read_all(db::query(
      sql_, kSelectPage, {{"tenant_id", tenant_id_}, {"after", after}, {"lim", limit + 1}}));
}

std::optional<Unit> UnitStore::find(const std::string& id) {
  return columns().find(sql_, {{"tenant_id", tenant_id_}, {"id", id}});
}

bool UnitStore::exists(const std::string& id) {
  return db::scalar(sql_, columns().exists_sql(), {{"tenant_id", tenant_id_}, {"id", id}}) > 0;
}

Unit UnitStore::get(const std::string& id) { return core::found(find(id), "unit", id); }

void UnitStore::check_references(const Unit& unit) {
  std::map<std::string, std::string> errors;
  if (unit.parent_id) {
    std::map<std::string, std::optional<std::string>> parent_of;
    for (const auto& u : all()) parent_of[u.id] = u.parent_id;
    if (parent_of.count(*unit.parent_id) == 0) {
      errors["parent_id"] = "no such unit";
    } else if (creates_cycle(parent_of, unit.id, unit.parent_id)) {
      errors["parent_id"] = "would make the unit its own ancestor";
    }
  }
  if (unit.manager_id) {
    if (!PersonStore(sql_, tenant_id_).exists(*unit.manager_id))
      errors["manager_id"] = "no such person";
  }
  if (!errors.empty()) throw core::ValidationError(errors);
}

Unit UnitStore::create(const core::AuthContext* who, const Unit& fields) {
  Unit u = fields;
  u.id = core::new_id();
  u.version = 1;
  u.created_at = u.updated_at = core::now_iso();
  db::WriteTx tx(sql_);
  check_references(u);
  db::execute(sql_, columns().insert_sql(), columns().args(u, {{"tenant_id", tenant_id_}}));
  audit::record(sql_, tenant_id_, who, "unit", u.id, "create", nullptr, to_json(u));
  tx.commit();
  return u;
}

Unit UnitStore::update(const core::AuthContext* who, const Unit& changed,
                       long long expected_version) {
  return kit::versioned_update<Unit>(
      sql_, tenant_id_, who, kWording, changed.id, expected_version,
      [&] { return get(changed.id); },
      [&](long long version) {
        check_references(changed);
        return kit::update_row(sql_, columns(), tenant_id_, changed, version);
      },
      [](const Unit& u) { return to_json(u); });
}

void UnitStore::remove(const core::AuthContext* who, const std::string& id,
                       std::optional<long long> expected_version) {
  kit::versioned_remove<Unit>(
      sql_, tenant_id_, who, "unit", id, expected_version, [&] { return get(id); },
      [&](const Unit& before) {
        constexpr Refusal kNotEmpty{"the unit still has sub-units or people; move them first",
                                    "unit_not_empty"};
        remove_unless_named(
            sql_, tenant_id_, columns().delete_sql(), id, to_json(before),
            {{kCountChildren, kNotEmpty}, {kCountMembers, kNotEmpty}},
            {"the unit is still involved in projects or maps; remove it there first",
             "unit_in_use"});
      },
      [](const Unit& u) { return to_json(u); });
}

}  // namespace org
