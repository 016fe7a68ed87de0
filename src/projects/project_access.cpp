#include "projects/project_access.hpp"

#include <algorithm>
#include <array>

#include "core/errors.hpp"
#include "db/query.hpp"
#include "projects/project_store.hpp"

namespace projects {
namespace {

constexpr std::array<std::string_view, 3> kEditors = {"owner", "project_leader", "project_group"};
constexpr std::array<std::string_view, 3> kDeciders = {"owner", "steering_chair",
                                                       "steering_member"};
constexpr std::array<std::string_view, 2> kRoleManagers = {"owner", "project_leader"};
// Roles that carry the decide right, and who may hand them out.
constexpr std::array<std::string_view, 3> kDecidingRoles = {"owner", "steering_chair",
                                                            "steering_member"};
constexpr std::array<std::string_view, 2> kDecidingRoleGranters = {"owner", "steering_chair"};
// Seed 000: the process facilitator runs the mapping workshop.
constexpr std::array<std::string_view, 4> kMappers = {"owner", "project_leader", "project_group",
                                                      "process_facilitator"};

constexpr std::string_view kRolesOf =
    "SELECT role FROM project_roles WHERE tenant_id = :tenant_id AND project_id = :project_id "
    "AND person_id = :person_id";

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view role) {
  return std::find(list.begin(), list.end(), role) != list.end();
}

}  // namespace

bool role_grants(std::string_view role, ProjectRight right) {
  switch (right) {
    case ProjectRight::kRead:
      return true;
    case ProjectRight::kEdit:
      return contains(kEditors, role);
    case ProjectRight::kDecide:
      return contains(kDeciders, role);
    case ProjectRight::kManageRoles:
      return contains(kRoleManagers, role);
    case ProjectRight::kMap:
      return contains(kMappers, role);
  }
  return false;
}

bool may(const core::AuthContext& who, const std::vector<std::string>& project_roles,
         ProjectRight right) {
  if (who.is_admin() || right == ProjectRight::kRead) return true;
  return std::any_of(project_roles.begin(), project_roles.end(),
                     [&](const std::string& role) { return role_grants(role, right); });
}

bool may_grant(const core::AuthContext& who, const std::vector<std::string>& project_roles,
               std::string_view role) {
  if (who.is_admin()) return true;
  if (contains(kDecidingRoles, role)) {
    return std::any_of(project_roles.begin(), project_roles.end(), [](const std::string& held) {
      return contains(kDecidingRoleGranters, held);
    });
  }
  return may(who, project_roles, ProjectRight::kManageRoles);
}

bool may_grant_to(const core::AuthContext& who, const std::string& person_id) {
  return who.person_id.empty() || person_id != who.person_id;
}

std::vector<std::string> roles_of(soci::session& sql, const core::AuthContext& who,
                                  const std::string& project_id) {
  std::vector<std::string> roles;
  if (who.person_id.empty()) return roles;
  auto rows = db::query(
      sql, kRolesOf,
      {{"tenant_id", who.tenant_id}, {"project_id", project_id}, {"person_id", who.person_id}});
  for (const auto& r : rows) roles.push_back(db::text(r, "role"));
  return roles;
}

void require_right(soci::session& sql, const core::AuthContext& who, const std::string& project_id,
                   ProjectRight right) {
  ProjectStore(sql, who.tenant_id).require(project_id);
  if (who.is_admin() || right == ProjectRight::kRead) return;
  if (!may(who, roles_of(sql, who, project_id), right)) refuse(right);
}

void refuse(ProjectRight right) {
  switch (right) {
    case ProjectRight::kDecide:
      throw core::Forbidden("only the project owner and the steering group record decisions");
    case ProjectRight::kManageRoles:
      throw core::Forbidden("only the project owner and the project leader assign roles");
    case ProjectRight::kMap:
      throw core::Forbidden(
          "only the project owner, leader, project group and process facilitator draw maps");
    default:
      throw core::Forbidden("only the project owner, leader and project group edit the project");
  }
}

void require_role_granter(soci::session& sql, const core::AuthContext& who,
                          const std::string& project_id) {
  ProjectStore(sql, who.tenant_id).require(project_id);
  if (who.is_admin()) return;
  auto roles = roles_of(sql, who, project_id);
  if (may_grant(who, roles, "project_group") || may_grant(who, roles, "steering_member")) return;
  throw core::Forbidden("only the project owner and the project leader assign roles");
}

void require_grant(soci::session& sql, const core::AuthContext& who, const std::string& project_id,
                   const std::string& person_id, std::string_view role) {
  ProjectStore(sql, who.tenant_id).require(project_id);
  if (!person_id.empty() && !may_grant_to(who, person_id))
    throw core::Forbidden("nobody may give themselves a role; ask the project owner", "self_grant");
  if (may_grant(who, roles_of(sql, who, project_id), role)) return;
  if (contains(kDecidingRoles, role))
    throw core::Forbidden(
        "only the project owner, the steering-group chair and administrators hand out the owner "
        "and steering-group roles");
  throw core::Forbidden("only the project owner and the project leader assign roles");
}

}  // namespace projects
