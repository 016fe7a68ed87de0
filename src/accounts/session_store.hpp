#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"

namespace accounts {

inline constexpr long long kSessionSeconds = 12 * 3600;
inline constexpr const char* kSessionCookie = "fremdrift_session";

struct NewSession {
  std::string token;  // goes into the cookie; only its hash is stored
  std::string csrf_token;
};

// Sessions and personal API tokens live in the database so that every app instance
// behind a load balancer sees the same ones.
class SessionStore {
 public:
  explicit SessionStore(soci::session& sql) : sql_(sql) {}

  NewSession start(const std::string& tenant_id, const std::string& account_id);
  std::optional<core::AuthContext> resolve(const std::string& token);
  void end(const std::string& token);
  // The session whose token has this SHA-256 (single logout started by an identity provider,
  // which knows only what sso_sessions keeps).
  void end_hashed(const std::string& hash);
  // Every session of one login (a changed password, a login switched off), in the caller's
  // write, which raises the tenant's identity version so no remembered session outlives it.
  void end_all(const std::string& tenant_id, const std::string& account_id);

  // Returns {"id","name","token","created_at"}; the token is never shown again.
  nlohmann::json create_api_token(const core::AuthContext& who, const std::string& name);
  std::optional<core::AuthContext> resolve_api_token(const std::string& token);
  nlohmann::json list_api_tokens(const core::AuthContext& who);
  void revoke_api_token(const core::AuthContext& who, const std::string& id);

 private:
  soci::session& sql_;
};

}  // namespace accounts
