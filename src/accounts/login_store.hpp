#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "kit/fields.hpp"

namespace accounts {

// A person's login as tenant administrators see and manage it (never the hash).
struct Login {
  std::string id;
  std::string person_id;
  std::string email;
  std::string role;
  bool active = true;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// The field table: what the API writes of a login and its OpenAPI schema.
const kit::Fields<Login>& login_fields();
nlohmann::json to_json(const Login& login);

class LoginStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  std::optional<Login> for_person(const std::string& person_id);
  Login get(const std::string& id);

  // Gives an existing person of the tenant a login with the person's e-mail.
  // ValidationError: person without e-mail, weak password, bad role.
  // Conflict: the person already has a login, or the e-mail is someone's login.
  Login create(const core::AuthContext& who, const std::string& person_id,
               const std::string& password, const std::string& role);
  // Changes role and/or active. Administrators cannot demote or lock out themselves.
  Login update(const core::AuthContext& who, const std::string& id, long long expected_version,
               const std::optional<std::string>& role, const std::optional<bool>& active);
};

}  // namespace accounts
