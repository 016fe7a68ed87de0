#include "programmes/programme_access.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "projects/project_access.hpp"

namespace programmes {

bool may_attach(soci::session& sql, const core::AuthContext& who, const std::string& project_id) {
  if (who.is_admin()) return true;
  auto roles = projects::roles_of(sql, who, project_id);
  return std::any_of(roles.begin(), roles.end(), [](const std::string& role) {
    return role == "owner" || role == "project_leader";
  });
}

void require_attach(soci::session& sql, const core::AuthContext& who,
                    const std::string& project_id) {
  try {
    projects::require_right(sql, who, project_id, projects::ProjectRight::kRead);
  } catch (const core::NotFound&) {
    throw core::ValidationError("project_id", "no such project in your organisation");
  }
  if (!may_attach(sql, who, project_id)) {
    throw core::Forbidden(
        "only an administrator, the project owner or the project leader places a project in a "
        "programme");
  }
}

void require_placement(soci::session& sql, const core::AuthContext& who, const Programme& programme,
                       const AttachedProject& attached) {
  if (may_manage(programme, who)) return;
  if (attached.tenant_id == who.tenant_id && may_attach(sql, who, attached.project_id)) return;
  throw core::Forbidden(
      "only the programme's administrators or the project's owner, leader or administrator "
      "change where the project sits");
}

}  // namespace programmes
