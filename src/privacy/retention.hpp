#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"

namespace privacy {

// How long a tenant keeps personal data whose purpose ends with a closing: a citizen's e-mail
// address on a closed signal, and which person a survey invitation of a closed round was for.
struct Retention {
  int signal_email_days = 90;
  int survey_invitation_days = 30;
  long long version = 0;  // 0: the defaults, never saved
  std::string updated_at;
};
constexpr int kMaxRetentionDays = 3650;
// Revoked API tokens are kept this long for "which key was that" before they go.
constexpr int kRevokedTokenDays = 30;
// Login attempts older than this are no longer counted by the limiter.
constexpr int kLoginAttemptDays = 1;

nlohmann::json to_json(const Retention& r);

class RetentionStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;
  Retention get();
  // Versioned: `expected` is the version read (0 for the defaults); a stale one is Conflict.
  Retention update(const core::AuthContext& who, const Retention& changed, long long expected);
};

// What one run of the retention job removed.
struct Purged {
  std::int64_t signal_emails = 0;
  std::int64_t survey_invitations = 0;
  std::int64_t sessions = 0;
  std::int64_t api_tokens = 0;
  std::int64_t login_attempts = 0;
};

// Applies every tenant's retention as of `now`, and removes expired sessions, tokens revoked
// kRevokedTokenDays ago and old login attempts. One transaction.
Purged purge_expired(soci::session& sql, std::chrono::system_clock::time_point now);

}  // namespace privacy
