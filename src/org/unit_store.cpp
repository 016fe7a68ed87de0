#include "org/unit_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned_wording.hpp"

namespace org {
namespace {

constexpr std::string_view kSelectAll =
    "SELECT id, parent_id, name, kind, manager_id, version, created_at, updated_at "
    "FROM units WHERE tenant_id = :tenant_id ORDER BY id";

constexpr std::string_view kSelectPage =
    "SELECT id, parent_id, name, kind, manager_id, version, created_at, updated_at "
    "FROM units WHERE tenant_id = :tenant_id AND id > :after ORDER BY id LIMIT :lim";

constexpr std::string_view kSelectOne =
    "SELECT id, parent_id, name, kind, manager_id, version, created_at, updated_at "
    "FROM units WHERE tenant_id = :tenant_id AND id = :id";

constexpr std::string_view kInsert =
    "INSERT INTO units (tenant_id, id, parent_id, name, kind, manager_id, version, created_at, "
    "updated_at) VALUES (:tenant_id, :id, :parent_id, :name, :kind, :manager_id, 1, :created_at, "
    ":updated_at)";

constexpr std::string_view kUpdate =
    "UPDATE units SET parent_id = :parent_id, name = :name, kind = :kind, "
    "manager_id = :manager_id, version = version + 1, updated_at = :updated_at "
    "WHERE tenant_id = :tenant_id AND id = :id AND version = :version";

constexpr std::string_view kDelete = "DELETE FROM units WHERE tenant_id = :tenant_id AND id = :id";

constexpr std::string_view kCountChildren =
    "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id AND parent_id = :id";

constexpr std::string_view kCountMembers =
    "SELECT COUNT(*) FROM people WHERE tenant_id = :tenant_id AND unit_id = :id";

constexpr std::string_view kPersonExists =
    "SELECT COUNT(*) FROM people WHERE tenant_id = :tenant_id AND id = :id";

const kit::Wording kWording{"unit", core::Message{"err.unit_stale"},
                            core::Message{"err.unit_moved"}};

Unit with(Unit u, const UnitFields& fields) {
  take(u.name, fields.name);
  take(u.kind, fields.kind);
  take(u.parent_id, fields.parent_id);
  take(u.manager_id, fields.manager_id);
  return u;
}

Unit from_row(const soci::row& r) {
  Unit u;
  u.id = db::text(r, "id");
  u.parent_id = db::opt_text(r, "parent_id");
  u.name = db::text(r, "name");
  u.kind = db::text(r, "kind");
  u.manager_id = db::opt_text(r, "manager_id");
  u.version = db::integer(r, "version");
  u.created_at = db::text(r, "created_at");
  u.updated_at = db::text(r, "updated_at");
  return u;
}

}  // namespace

std::vector<Unit> UnitStore::all() {
  std::vector<Unit> out;
  soci::rowset<soci::row> rows = (sql_.prepare << kSelectAll, soci::use(tenant_id_, "tenant_id"));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::vector<Unit> UnitStore::page(const std::string& after, int limit) {
  std::vector<Unit> out;
  int lim = limit + 1;
  soci::rowset<soci::row> rows = (sql_.prepare << kSelectPage, soci::use(tenant_id_, "tenant_id"),
                                  soci::use(after, "after"), soci::use(lim, "lim"));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::optional<Unit> UnitStore::find(const std::string& id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << kSelectOne, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"));
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

Unit UnitStore::get(const std::string& id) {
  auto u = find(id);
  if (!u) throw core::NotFound("no unit with id " + id);
  return *u;
}

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
    int n = 0;
    sql_ << kPersonExists, soci::use(tenant_id_, "tenant_id"), soci::use(*unit.manager_id, "id"),
        soci::into(n);
    if (n == 0) errors["manager_id"] = "no such person";
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
  db::NullableText parent(u.parent_id);
  db::NullableText manager(u.manager_id);
  sql_ << kInsert, soci::use(tenant_id_, "tenant_id"), soci::use(u.id, "id"),
      soci::use(parent.value, parent.ind, "parent_id"), soci::use(u.name, "name"),
      soci::use(u.kind, "kind"), soci::use(manager.value, manager.ind, "manager_id"),
      soci::use(u.created_at, "created_at"), soci::use(u.updated_at, "updated_at");
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
        db::NullableText parent(changed.parent_id);
        db::NullableText manager(changed.manager_id);
        std::string now = core::now_iso();
        soci::statement st =
            (sql_.prepare << kUpdate, soci::use(parent.value, parent.ind, "parent_id"),
             soci::use(changed.name, "name"), soci::use(changed.kind, "kind"),
             soci::use(manager.value, manager.ind, "manager_id"), soci::use(now, "updated_at"),
             soci::use(tenant_id_, "tenant_id"), soci::use(changed.id, "id"),
             soci::use(version, "version"));
        return kit::changed_rows(st);
      },
      [](const Unit& u) { return to_json(u); });
}

Unit UnitStore::create(const core::AuthContext* who, const UnitFields& fields) {
  return create(who, with(Unit{}, fields));
}

Unit UnitStore::update(const core::AuthContext* who, const std::string& id,
                       long long expected_version, const UnitFields& fields) {
  return update(who, with(get(id), fields), expected_version);
}

void UnitStore::remove(const core::AuthContext* who, const std::string& id,
                       std::optional<long long> expected_version) {
  db::WriteTx tx(sql_);
  Unit before = get(id);
  if (expected_version && *expected_version != before.version) {
    throw core::Conflict("the unit was changed by someone else", to_json(before));
  }
  int children = 0;
  int members = 0;
  sql_ << kCountChildren, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"),
      soci::into(children);
  sql_ << kCountMembers, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"),
      soci::into(members);
  if (children > 0 || members > 0) {
    throw core::Conflict("the unit still has sub-units or people; move them first", to_json(before),
                         "unit_not_empty");
  }
  try {
    sql_ << kDelete, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id");
  } catch (const soci::soci_error& e) {
    if (!db::is_foreign_key_violation(e)) throw;
    throw core::Conflict("the unit is still involved in projects or maps; remove it there first",
                         to_json(before), "unit_in_use");
  }
  audit::record(sql_, tenant_id_, who, "unit", id, "delete", to_json(before), nullptr);
  tx.commit();
}

}  // namespace org
