#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"

namespace projects {

// What a caller may do in one project. The table is in docs/project-rights.md.
enum class ProjectRight {
  kRead,         // every member of the tenant: municipal openness, the portfolio
  kEdit,         // charter, checklist, meetings, attendance, minutes
  kDecide,       // phase gates and the decision log: the steering group decides
  kManageRoles,  // who holds which role
  kMap,          // workflow maps and their ideas: editors and the process facilitator
};

// True when holding `role` in a project grants `right`.
bool role_grants(std::string_view role, ProjectRight right);

// True when the caller may; tenant administrators may everything.
bool may(const core::AuthContext& who, const std::vector<std::string>& project_roles,
         ProjectRight right);

// Throws the Forbidden that names who holds `right`.
[[noreturn]] void refuse(ProjectRight right);

// True when the caller may give (or take away) `role` in a project where they hold
// `project_roles`. The owner and steering-group roles carry the decide right, so only
// administrators, the owner and the steering-group chair hand them out; the other
// roles need the manage-roles right. Nobody grants a role to themselves (see
// may_grant_to).
bool may_grant(const core::AuthContext& who, const std::vector<std::string>& project_roles,
               std::string_view role);
// False when the role would go to the caller themselves.
bool may_grant_to(const core::AuthContext& who, const std::string& person_id);

// The caller's roles in the project (empty when none).
std::vector<std::string> roles_of(soci::session& sql, const core::AuthContext& who,
                                  const std::string& project_id);

// NotFound when the project is not in the caller's tenant, Forbidden when the
// caller's project roles do not grant `right`.
void require_right(soci::session& sql, const core::AuthContext& who, const std::string& project_id,
                   ProjectRight right);

// NotFound when the project is not in the caller's tenant; Forbidden when the caller may
// hand out no role at all (checked before a request body is read).
void require_role_granter(soci::session& sql, const core::AuthContext& who,
                          const std::string& project_id);
// NotFound when the project is not in the caller's tenant; Forbidden when the caller may
// not give `role` to `person_id` in it (or take it away, when `person_id` is empty).
void require_grant(soci::session& sql, const core::AuthContext& who, const std::string& project_id,
                   const std::string& person_id, std::string_view role);

}  // namespace projects
