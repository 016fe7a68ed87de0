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

// The caller's roles in the project (empty when none).
std::vector<std::string> roles_of(soci::session& sql, const core::AuthContext& who,
                                  const std::string& project_id);

// NotFound when the project is not in the caller's tenant, Forbidden when the
// caller's project roles do not grant `right`.
void require_right(soci::session& sql, const core::AuthContext& who, const std::string& project_id,
                   ProjectRight right);

}  // namespace projects
