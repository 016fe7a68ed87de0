#include "projects/project_scope.hpp"

#include "projects/project_store.hpp"

namespace projects {

ProjectScope::ProjectScope(soci::session& sql, const http::Request& req,
                           const std::string& project_id)
    : sql_(sql),
      who_(req.who()),
      project_(ProjectStore(sql, req.who().tenant_id).get(project_id)),
      roles_(roles_of(sql, req.who(), project_id)) {}

bool ProjectScope::may(ProjectRight right) const { return projects::may(who_, roles_, right); }

void ProjectScope::require(ProjectRight right) const {
  if (!may(right)) refuse(right);
}

}  // namespace projects
