#pragma once
// What every SSO protocol keeps between the legs of a sign-in and for its logout, in tables
// shared by every instance (migration 0046): a sign-in under way (sso_requests, single use) and
// the provider's session behind a local one (sso_sessions, keyed by the SHA-256 of the local
// session token). OIDC and SAML both write through this store; what their rows mean is theirs.
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace sso {

struct PendingRequest {
  std::string tenant_id;
  std::string idp_id;
  std::string nonce;     // OIDC
  std::string verifier;  // OIDC (PKCE)
  std::string next_path;
};

// The provider's session behind a local one. OIDC keeps the ID token as its logout hint; SAML
// the NameID (name_id: the protocol's own encoding, subject: its value) and SessionIndex.
struct SsoSession {
  std::string tenant_id;
  std::string idp_id;
  std::string person_id;
  std::string id_token_hint;
  std::string name_id;
  std::string subject;
  std::string session_index;
};

class SsoStateStore {
 public:
  explicit SsoStateStore(soci::session& sql) : sql_(sql) {}

  // Expired requests of every tenant go first, so the table stays small without a job.
  void put_request(const std::string& key_hash, const PendingRequest& r,
                   const std::string& expires_at);
  // The unexpired request under `key_hash`, removed so that it is answered once; nullopt when
  // there is none, another caller took it first, or — when `tenant_id`/`idp_id` are given —
  // it belongs to another provider (then it stays for its own).
  std::optional<PendingRequest> take_request(const std::string& key_hash,
                                             const std::string& tenant_id = {},
                                             const std::string& idp_id = {});

  // Expires with the local session; expired ones of every tenant go first.
  void keep_session(const std::string& session_token, const SsoSession& s);
  std::optional<SsoSession> find_session(const std::string& session_token);
  void forget_session(const std::string& session_token);

  // Single logout started by the provider: ends the local sessions whose provider session
  // `subject` has at `idp_id` — only those with one of `session_indexes` when any are given —
  // and returns how many ended.
  int end_sessions_of(const std::string& tenant_id, const std::string& idp_id,
                      const std::string& subject, const std::vector<std::string>& session_indexes);

 private:
  soci::session& sql_;
};

}  // namespace sso
