#include "org/unit_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"

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

void UnitStore::check_references(const std::string& id, const UnitFields& fields) {
  std::map<std::string, std::string> errors;
  if (fields.parent_id && *fields.parent_id) {
    const std::string& parent = **fields.parent_id;
    auto units = all();
    std::map<std::string, std::optional<std::string>> parent_of;
    for (const auto& u : units) parent_of[u.id] = u.parent_id;
    if (parent_of.count(parent) == 0) {
      errors["parent_id"] = "no such unit";
    } else if (creates_cycle(parent_of, id, parent)) {
      errors["parent_id"] = "would make the unit its own ancestor";
    }
  }
  if (fields.manager_id && *fields.manager_id) {
    int n = 0;
    sql_ << kPersonExists, soci::use(tenant_id_, "tenant_id"), soci::use(**fields.manager_id, "id"),
        soci::into(n);
    if (n == 0) errors["manager_id"] = "no such person";
  }
  if (!errors.empty()) throw core::ValidationError(errors);
}

Unit UnitStore::create(const core::AuthContext* who, const UnitFields& fields) {
  Unit u;
  u.id = core::new_id();
  u.name = fields.name.value_or("");
  u.kind = fields.kind.value_or("unit");
  u.parent_id = fields.parent_id.value_or(std::nullopt);
  u.manager_id = fields.manager_id.value_or(std::nullopt);
  u.created_at = u.updated_at = core::now_iso();
  db::WriteTx tx(sql_);
  check_references(u.id, fields);
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

Unit UnitStore::update(const core::AuthContext* who, const std::string& id,
                       long long expected_version, const UnitFields& fields) {
  db::WriteTx tx(sql_);
  Unit before = get(id);
  if (before.version != expected_version) {
    throw core::Conflict(
        "the unit was changed by someone else (version " + std::to_string(before.version) + ")",
        to_json(before));
  }
  check_references(id, fields);
  Unit after = before;
  if (fields.name) after.name = *fields.name;
  if (fields.kind) after.kind = *fields.kind;
  if (fields.parent_id) after.parent_id = *fields.parent_id;
  if (fields.manager_id) after.manager_id = *fields.manager_id;
  after.updated_at = core::now_iso();
  after.version = before.version + 1;
  db::NullableText parent(after.parent_id);
  db::NullableText manager(after.manager_id);
  soci::statement st =
      (sql_.prepare << kUpdate, soci::use(parent.value, parent.ind, "parent_id"),
       soci::use(after.name, "name"), soci::use(after.kind, "kind"),
       soci::use(manager.value, manager.ind, "manager_id"),
       soci::use(after.updated_at, "updated_at"), soci::use(tenant_id_, "tenant_id"),
       soci::use(id, "id"), soci::use(before.version, "version"));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    throw core::Conflict("the unit was changed by someone else", to_json(get(id)));
  }
  audit::record(sql_, tenant_id_, who, "unit", id, "update", to_json(before), to_json(after));
  tx.commit();
  return after;
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
