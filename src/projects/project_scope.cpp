#include "projects/project_scope.hpp"

#include "projects/project_store.hpp"

namespace projects {

ProjectScope::ProjectScope(soci::session& sql, const http::Request& req,
                           const std::string& project_id)
    : sql_(sql), who_(req.who()), locale_(req.locale) {
  // One statement: on a kept page it is most of what the request asks the database.
  auto read = ProjectStore(sql, who_.tenant_id).get_with_roles(project_id, who_.person_id);
  project_ = std::move(read.project);
  roles_ = std::move(read.roles);
}

bool ProjectScope::may(ProjectRight right) const { return projects::may(who_, roles_, right); }

void ProjectScope::require(ProjectRight right) const {
  if (!may(right)) refuse(right);
}

std::function<http::Response(db::Database&, const http::Request&)> scoped(ProjectRight right,
                                                                          ScopedRun run,
                                                                          std::string param) {
  return [right, run = std::move(run), param = std::move(param)](db::Database& db,
                                                                 const http::Request& req) {
    auto sql = db.lease();
    ProjectScope scope(*sql, req, req.param(param));
    scope.require(right);
    return run(scope, req);
  };
}

const MethodTemplate& ProjectScope::method() const {
  return remember<MethodTemplate>(
      "method", [this] { return ProjectStore(sql_, who_.tenant_id).method(project_); });
}

}  // namespace projects
