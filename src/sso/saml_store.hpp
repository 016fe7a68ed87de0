#pragma once
// What the SAML service provider keeps between the two legs of a sign-in, in the foundation's
// shared tables (migration 0046) so that any instance may receive the IdP's answer: the
// AuthnRequests sent (sso_requests, keyed by the SHA-256 of the request's ID) and the
// assertion IDs accepted (sso_used_ids), which refuses a replay on every instance.
#include <optional>
#include <string>

#include "db/tenant_scoped.hpp"

namespace sso::saml {

class SamlStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  void save_request(const std::string& idp_id, const std::string& request_id,
                    const std::string& next_path, const std::string& expires_at);
  // The request's next path, removed so that it answers one response only; nullopt when we
  // sent no such request through this provider or it has expired.
  std::optional<std::string> take_request(const std::string& idp_id, const std::string& request_id);
  // True the first time an assertion ID is presented; false on a replay.
  bool first_use(const std::string& idp_id, const std::string& assertion_id,
                 const std::string& expires_at);
};

}  // namespace sso::saml
