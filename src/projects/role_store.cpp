#include "projects/role_store.hpp"

#include <algorithm>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"

namespace projects {
namespace {

using nlohmann::json;

constexpr std::string_view kList =
    "SELECT r.id AS id, r.person_id AS person_id, p.name AS person_name, r.role AS role, "
    "r.created_at AS created_at, p.unit_id AS person_unit_id FROM project_roles r JOIN people p ON "
    "p.tenant_id = r.tenant_id "
    "AND p.id = r.person_id WHERE r.tenant_id = :tenant_id AND r.project_id = :project_id "
    "ORDER BY r.role, p.name";
constexpr std::string_view kExists =
    "SELECT COUNT(*) FROM project_roles WHERE tenant_id = :tenant_id AND project_id = :project_id "
    "AND person_id = :person_id AND role = :role";
constexpr std::string_view kInsert =
    "INSERT INTO project_roles (tenant_id, id, project_id, person_id, role, created_at) VALUES "
    "(:tenant_id, :id, :project_id, :person_id, :role, :created_at)";
constexpr std::string_view kSelectOne =
    "SELECT project_id, person_id, role FROM project_roles WHERE tenant_id = :tenant_id AND id = "
    ":id";
constexpr std::string_view kDelete =
    "DELETE FROM project_roles WHERE tenant_id = :tenant_id AND id = :id";

}  // namespace

json RoleStore::list(const std::string& project_id) {
  ProjectStore(sql_, tenant_id_).require(project_id);
  json items = json::array();
  auto rows = db::query(sql_, kList, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  for (const auto& r : rows) {
    items.push_back({{"id", db::text(r, "id")},
                     {"person_id", db::text(r, "person_id")},
                     {"person_name", db::text(r, "person_name")},
                     {"role", db::text(r, "role")},
                     {"created_at", db::text(r, "created_at")}});
  }
  // Order by the role list of seed 003, not alphabetically.
  auto rank = [](const json& j) {
    auto it = std::find(kRoles.begin(), kRoles.end(), j["role"].get<std::string>());
    return it - kRoles.begin();
  };
  std::stable_sort(items.begin(), items.end(),
                   [&](const json& a, const json& b) { return rank(a) < rank(b); });
  return items;
}

std::vector<RoleHolder> RoleStore::holders(const std::string& project_id) {
  std::vector<RoleHolder> out;
  for (const auto& r : list(project_id)) out.push_back({r["person_id"], r["role"]});
  return out;
}

json RoleStore::add(const core::AuthContext* who, const std::string& project_id,
                    const std::string& person_id, const std::string& role) {
  if (std::find(kRoles.begin(), kRoles.end(), role) == kRoles.end()) {
    throw core::ValidationError("role", "is not a project role");
  }
  db::WriteTx tx(sql_);
  ProjectStore(sql_, tenant_id_).require(project_id);
  if (!org::PersonStore(sql_, tenant_id_).find(person_id)) {
    throw core::ValidationError("person_id", "no such person");
  }
  if (db::scalar(sql_, kExists,
                 {{"tenant_id", tenant_id_},
                  {"project_id", project_id},
                  {"person_id", person_id},
                  {"role", role}}) > 0)
    throw core::Conflict("the person already has this role", nullptr, "role_exists");
  std::string id = core::new_id();
  std::string now = core::now_iso();
  db::execute(sql_, kInsert,
              {{"tenant_id", tenant_id_},
               {"id", id},
               {"project_id", project_id},
               {"person_id", person_id},
               {"role", role},
               {"created_at", now}});
  json created = {{"id", id},
                  {"project_id", project_id},
                  {"person_id", person_id},
                  {"role", role},
                  {"created_at", now}};
  audit::record(sql_, tenant_id_, who, "project_role", id, "create", nullptr, created);
  tx.commit();
  return created;
}

void RoleStore::remove(const core::AuthContext* who, const std::string& role_id) {
  db::WriteTx tx(sql_);
  std::optional<json> before;
  {
    auto rows = db::query(sql_, kSelectOne, {{"tenant_id", tenant_id_}, {"id", role_id}});
    for (const auto& r : rows) {
      before = json{{"project_id", db::text(r, "project_id")},
                    {"person_id", db::text(r, "person_id")},
                    {"role", db::text(r, "role")}};
    }
  }
  if (!before) throw core::NotFound("no project role with id " + role_id);
  db::execute(sql_, kDelete, {{"tenant_id", tenant_id_}, {"id", role_id}});
  audit::record(sql_, tenant_id_, who, "project_role", role_id, "delete", *before, nullptr);
  tx.commit();
}

HeldRole RoleStore::get(const std::string& role_id) {
  auto rows = db::query(sql_, kSelectOne, {{"tenant_id", tenant_id_}, {"id", role_id}});
  for (const auto& r : rows)
    return {role_id, db::text(r, "project_id"), db::text(r, "person_id"), db::text(r, "role")};
  throw core::NotFound("no project role with id " + role_id);
}

std::vector<CoverageWarning> RoleStore::coverage(const std::string& project_id) {
  return coverage(ProjectStore(sql_, tenant_id_).get(project_id));
}

// The role holders and their units come with the role list, in one query.
std::vector<CoverageWarning> RoleStore::coverage(const Project& project) {
  std::vector<org::Person> people;
  std::vector<RoleHolder> roles;
  std::vector<std::string> walked = project.unit_ids;  // and the role holders' units
  for (const auto& r :
       db::query(sql_, kList, {{"tenant_id", tenant_id_}, {"project_id", project.id}})) {
    org::Person holder;
    holder.id = db::text(r, "person_id");
    holder.unit_id = db::opt_text(r, "person_unit_id");
    if (holder.unit_id) walked.push_back(*holder.unit_id);
    roles.push_back({holder.id, db::text(r, "role")});
    people.push_back(std::move(holder));
  }
  auto units = org::UnitStore(sql_, tenant_id_).lineage(walked);
  return coverage_warnings(units, people, project.unit_ids, roles);
}

}  // namespace projects
