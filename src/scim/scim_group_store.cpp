#include "scim/scim_group_store.hpp"

#include <algorithm>
#include <string_view>

#include "core/errors.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"

namespace scim {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, name, version, created_at, updated_at FROM units WHERE tenant_id = :tenant_id";
constexpr std::string_view kPage = " AND :key = :key ORDER BY id LIMIT :lim OFFSET :off";
constexpr std::string_view kById = " AND id = :key ORDER BY id LIMIT :lim OFFSET :off";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id";
constexpr std::string_view kMembers =
    "SELECT id, name FROM people WHERE tenant_id = :tenant_id AND unit_id = :unit_id ORDER BY id";
constexpr std::string_view kTopUnit =
    "SELECT id FROM units WHERE tenant_id = :tenant_id AND parent_id IS NULL "
    "ORDER BY created_at, id LIMIT 1";

constexpr long long kAll = 1LL << 40;

std::vector<GroupView> read(const db::Rows& rows) {
  std::vector<GroupView> out;
  for (const auto& r : rows) {
    GroupView g;
    g.id = db::text(r, "id");
    g.name = db::text(r, "name");
    g.version = db::integer(r, "version");
    g.created = db::text(r, "created_at");
    g.last_modified = db::text(r, "updated_at");
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace

std::vector<GroupView> GroupStore::with(std::vector<GroupView> groups, bool members) {
  if (!members) return groups;
  for (auto& g : groups) {
    for (const auto& r :
         db::query(sql_, kMembers, {{"tenant_id", tenant_id_}, {"unit_id", g.id}})) {
      g.members.emplace_back(db::text(r, "id"), db::text(r, "name"));
    }
  }
  return groups;
}

GroupView GroupStore::get(const std::string& id) {
  auto found =
      with(read(db::query(sql_, std::string(kSelect) + std::string(kById),
                          {{"tenant_id", tenant_id_}, {"key", id}, {"lim", 1}, {"off", 0}})),
           true);
  if (found.empty()) throw core::NotFound("no such group");
  return found.front();
}

std::vector<GroupView> GroupStore::page(long long offset, long long count, bool with_members) {
  return with(
      read(db::query(sql_, std::string(kSelect) + std::string(kPage),
                     {{"tenant_id", tenant_id_}, {"key", ""}, {"lim", count}, {"off", offset}})),
      with_members);
}

long long GroupStore::count() { return db::scalar(sql_, kCount, {{"tenant_id", tenant_id_}}); }

std::vector<GroupView> GroupStore::find(const Filter& filter, bool with_members) {
  std::string value = filter.value.get<std::string>();
  bool by_id = filter.attribute == "id";
  auto rows = read(db::query(
      sql_, std::string(kSelect) + std::string(by_id ? kById : kPage),
      {{"tenant_id", tenant_id_}, {"key", by_id ? value : ""}, {"lim", kAll}, {"off", 0}}));
  if (!by_id) {
    // Names are compared here, not by SQL's LOWER, which folds "Ø" on PostgreSQL and not on
    // SQLite; the tenant's units are few.
    std::string key = lower(value);
    std::erase_if(rows, [&key](const GroupView& g) { return lower(g.name) != key; });
  }
  return with(std::move(rows), with_members);
}

void GroupStore::set_members(const core::AuthContext& who, const std::string& id,
                             const std::vector<std::string>& members) {
  org::PersonStore people(sql_, tenant_id_);
  for (const auto& person_id : members) {
    auto person = people.find(person_id);
    if (!person) throw core::ValidationError("members", "no such user: " + person_id);
    if (person->unit_id == id) continue;
    person->unit_id = id;
    people.update(&who, *person, person->version);
  }
  for (const auto& r : db::query(sql_, kMembers, {{"tenant_id", tenant_id_}, {"unit_id", id}})) {
    std::string person_id = db::text(r, "id");
    if (std::find(members.begin(), members.end(), person_id) != members.end()) continue;
    org::Person person = people.get(person_id);
    person.unit_id.reset();
    people.update(&who, person, person.version);
  }
}

GroupView GroupStore::create(const core::AuthContext& who, const GroupInput& group) {
  db::WriteTx tx(sql_);
  if (!find({"displayname", group.name}, false).empty()) {
    throw core::Conflict("a group with this displayName exists", nullptr, "uniqueness");
  }
  org::Unit unit;
  unit.name = group.name;
  unit.kind = "unit";
  auto top = db::query(sql_, kTopUnit, {{"tenant_id", tenant_id_}});
  if (!top.empty()) unit.parent_id = db::text(top[0], "id");
  std::string id = org::UnitStore(sql_, tenant_id_).create(&who, unit).id;
  set_members(who, id, group.members);
  auto stored = get(id);
  tx.commit();
  return stored;
}

GroupView GroupStore::replace(const core::AuthContext& who, const std::string& id,
                              const GroupInput& group) {
  db::WriteTx tx(sql_);
  org::UnitStore units(sql_, tenant_id_);
  org::Unit unit = units.get(id);
  if (unit.name != group.name) {
    unit.name = group.name;
    units.update(&who, unit, unit.version);
  }
  set_members(who, id, group.members);
  auto stored = get(id);
  tx.commit();
  return stored;
}

void GroupStore::remove(const core::AuthContext& who, const std::string& id) {
  org::UnitStore(sql_, tenant_id_).remove(&who, id, std::nullopt);
}

}  // namespace scim
