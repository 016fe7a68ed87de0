#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "projects/method_template.hpp"

namespace projects {

// A method template as a tenant sees it: one of the shipped ones, or the
// tenant's own copy.
struct TenantTemplate {
  MethodTemplate method;
  bool shipped = true;
  std::optional<std::string> based_on;
  long long version = 1;
  std::string updated_at;
};

nlohmann::json to_json(const TenantTemplate& t);

// The shipped templates plus the tenant's own copies, which administrators edit.
class TemplateStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // Shipped first (in their order), then the tenant's own by key.
  std::vector<TenantTemplate> all();
  // NotFound when neither shipped nor the tenant's own.
  TenantTemplate get(const std::string& key);
  // ValidationError naming `key` when it is taken or malformed; NotFound for `from_key`.
  TenantTemplate copy(const core::AuthContext* who, const std::string& from_key,
                      const std::string& new_key, const std::optional<std::string>& name);
  // Replaces the definition (same shape as GET); Forbidden for shipped templates,
  // Conflict when `expected_version` is stale, ValidationError("definition").
  TenantTemplate update(const core::AuthContext* who, const std::string& key,
                        long long expected_version, const nlohmann::json& definition);
  void remove(const core::AuthContext* who, const std::string& key);

 private:
  std::optional<TenantTemplate> own(const std::string& key);
};

// Checks a key for a tenant template: lower-case letters, digits and dashes, not a
// shipped key. Returns the problem, or empty.
std::string template_key_problem(const std::string& key);

}  // namespace projects
