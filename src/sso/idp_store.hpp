#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "sso/identity_provider.hpp"

namespace sso {

// A tenant's identity providers. Every read is limited to the tenant; the secret is read only
// by the sign-in code, never by the API.
class IdpStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  std::vector<IdentityProvider> list();
  std::vector<IdentityProvider> enabled();
  IdentityProvider get(const std::string& id);  // NotFound outside the tenant
  std::optional<IdentityProvider> by_slug(const std::string& slug);
  // Conflict when the slug is taken in the tenant.
  IdentityProvider create(const core::AuthContext& who, const IdentityProvider& fields);
  IdentityProvider update(const core::AuthContext& who, const IdentityProvider& changed,
                          long long expected_version);
  // `who` null: the command line's change (audited as "system").
  IdentityProvider update(const core::AuthContext* who, const IdentityProvider& changed,
                          long long expected_version);
  void remove(const core::AuthContext& who, const std::string& id);
};

// The tenant of a slug in a sign-in address; nullopt when there is none.
std::optional<std::string> tenant_of_slug(soci::session& sql, const std::string& tenant_slug);

}  // namespace sso
