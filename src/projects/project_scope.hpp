#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/database.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "projects/project.hpp"
#include "projects/project_access.hpp"

namespace projects {

// Everything a project-scoped route needs to know about the caller and the project,
// read once per request: the project (NotFound when it is not the caller's tenant's)
// and the caller's roles in it.
class ProjectScope {
 public:
  ProjectScope(soci::session& sql, const http::Request& req, const std::string& project_id);

  soci::session& sql() const { return sql_; }
  const core::AuthContext& who() const { return who_; }
  const std::string& tenant_id() const { return who_.tenant_id; }
  const Project& project() const { return project_; }
  // The project as a store's read takes it without checking it again.
  CheckedProject checked() const { return {project_.id}; }
  const std::vector<std::string>& roles() const { return roles_; }
  // The caller's language, for what a route writes in it (a new map's citizen lane).
  const std::string& locale() const { return locale_; }

  // The project's method template (its phases and checklists), read once per request.
  const MethodTemplate& method() const;

  bool may(ProjectRight right) const;
  // Forbidden, with the message of docs/project-rights.md, unless the caller may.
  void require(ProjectRight right) const;

  // What several parts of one request read about the project (the KPIs' charts, for the
  // KPI section and the benefits on the overview): made by the first that asks for `key`,
  // kept for the rest of the request.
  template <typename T, typename Make>
  const T& remember(const std::string& key, Make make) const {
    auto& slot = remembered_[key];
    if (!slot) slot = std::make_shared<const T>(make());
    return *static_cast<const T*>(slot.get());
  }

 private:
  soci::session& sql_;
  const core::AuthContext& who_;
  Project project_;
  std::vector<std::string> roles_;
  std::string locale_;
  mutable std::map<std::string, std::shared_ptr<const void>> remembered_;
};

// The handler of a route about one project (the address names it as `{param}`), for a
// route table (kit::Route): the scope is read (NotFound first) and `right` required before
// `run` answers.
using ScopedRun = std::function<http::Response(const ProjectScope&, const http::Request&)>;
std::function<http::Response(db::Database&, const http::Request&)> scoped(ProjectRight right,
                                                                          ScopedRun run,
                                                                          std::string param = "id");

}  // namespace projects
