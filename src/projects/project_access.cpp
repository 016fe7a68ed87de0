#include "projects/project_access.hpp"

#include <algorithm>
#include <array>

#include "core/errors.hpp"
#include "projects/project_store.hpp"

namespace projects {
namespace {

constexpr std::array<std::string_view, 3> kEditors = {"owner", "project_leader", "project_group"};
constexpr std::array<std::string_view, 3> kDeciders = {"owner", "steering_chair",
                                                       "steering_member"};
constexpr std::array<std::string_view, 2> kRoleManagers = {"owner", "project_leader"};
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

std::vector<std::string> roles_of(soci::session& sql, const core::AuthContext& who,
                                  const std::string& project_id) {
  std::vector<std::string> roles;
  if (who.person_id.empty()) return roles;
  soci::rowset<std::string> rows =
      (sql.prepare << kRolesOf, soci::use(who.tenant_id, "tenant_id"),
       soci::use(project_id, "project_id"), soci::use(who.person_id, "person_id"));
  for (const auto& role : rows) roles.push_back(role);
  return roles;
}

void require_right(soci::session& sql, const core::AuthContext& who, const std::string& project_id,
                   ProjectRight right) {
  ProjectStore(sql, who.tenant_id).get(project_id);
  if (who.is_admin() || right == ProjectRight::kRead) return;
  if (!may(who, roles_of(sql, who, project_id), right)) {
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
}

}  // namespace projects
