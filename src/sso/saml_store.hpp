#pragma once
// What the SAML service provider keeps between the two legs of a sign-in, in the foundation's
// shared tables (migration 0046) so that any instance may receive the IdP's answer: the
// AuthnRequests sent (through SsoStateStore, keyed by the SHA-256 of the request's ID) and
// the assertion IDs accepted (sso_used_ids), which refuses a replay on every instance.
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

  // Who the IdP said the session's person is, for single logout (sso_sessions, keyed by the
  // SHA-256 of the session token like the OIDC sessions).
  struct IdpSession {
    std::string idp_id;
    std::string name_id;
    std::string name_id_format;
    std::string session_index;
  };
  void remember_session(const std::string& session_token, const IdpSession& s,
                        const std::string& person_id = {});
};

// The SAML session of a session token, removed; nullopt when it is no SAML session (OIDC's
// or none). Any tenant: the token is all a logout has.
std::optional<std::pair<std::string, SamlStore::IdpSession>> take_session(
    soci::session& sql, const std::string& session_token);

// Single logout started by the IdP: ends the local sessions of the person the IdP calls
// `name_id` (only those of the given SessionIndexes, when it names any); how many ended.
int end_idp_sessions(soci::session& sql, const std::string& tenant_id, const std::string& idp_id,
                     const std::string& name_id, const std::vector<std::string>& session_indexes);

}  // namespace sso::saml
