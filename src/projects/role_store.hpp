#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "projects/coverage.hpp"
#include "projects/project.hpp"

namespace projects {

// Who holds which role in a project, and the steering-group coverage check.
struct HeldRole {
  std::string id;
  std::string project_id;
  std::string person_id;
  std::string role;
};

class RoleStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // [{id, person_id, person_name, role, created_at}], ordered by role then name.
  nlohmann::json list(const std::string& project_id);
  std::vector<RoleHolder> holders(const std::string& project_id);
  // ValidationError: unknown role or a person not in this tenant. Conflict: held already.
  nlohmann::json add(const core::AuthContext* who, const std::string& project_id,
                     const std::string& person_id, const std::string& role);
  void remove(const core::AuthContext* who, const std::string& role_id);
  // The project a role belongs to; NotFound when the role is not in this tenant.
  // One held role; NotFound when it is not in the tenant.
  HeldRole get(const std::string& role_id);
  std::vector<CoverageWarning> coverage(const std::string& project_id);
  std::vector<CoverageWarning> coverage(const Project& project);  // one already read
};

}  // namespace projects
