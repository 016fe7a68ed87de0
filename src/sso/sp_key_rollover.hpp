#pragma once
// The SAML SP's key rollover in two steps (issue 19, point 4; D61). IdPs such as KOMBIT's
// Context Handler and the Swedish federations read the SP metadata on their own schedule, so a
// new key must be published before it is used, and the old one must keep decrypting until
// every IdP has read the new metadata:
//   prepare: a next key pair whose certificate the SP metadata publishes beside the current
//            one; requests are still signed with the current key; either key decrypts.
//   switch:  the next key becomes the current one (requests are signed with it); the old one
//            stays published and decrypting until its retire_at, or until retired.
//   retire:  the old one goes now.
// Private keys never leave this code but to sign and decrypt.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/auth_context.hpp"
#include "db/database.hpp"
#include "sso/identity_provider.hpp"

namespace sso {

inline constexpr int kSpKeyGraceDays = 30;

struct SpKeySlot {
  std::string certificate_pem;
  std::string private_key_pem;
  std::optional<std::string> retire_at;  // previous only: when it stops by itself
  std::string created_at;
};

// The keys beside the current one; a previous key past its retire_at counts as gone.
struct SpKeyRollover {
  std::optional<SpKeySlot> next;
  std::optional<SpKeySlot> previous;

  // The certificates the SP metadata publishes after the current one.
  std::vector<std::string> other_certificates() const;
  // The keys that decrypt besides the current one.
  std::vector<std::string> other_private_keys() const;
};

SpKeyRollover sp_key_rollover(soci::session& sql, const std::string& tenant_id,
                              const std::string& idp_id, const std::string& now_iso);

// The rollover as administrators read it: certificates and dates, never a key.
nlohmann::json to_json(const SpKeyRollover& r);
nlohmann::json sp_key_rollover_schema();

// Each step checks the provider's version (Conflict when stale) and bumps it, so that an open
// form or a second administrator notices. `who` null: the command line. ValidationError when
// the provider is no SAML provider or the step does not fit the state (switch without a next
// key). Each returns the provider as stored after the step.
IdentityProvider prepare_next_sp_key(soci::session& sql, const core::AuthContext* who,
                                     const std::string& tenant_id, const std::string& idp_id,
                                     int days, std::optional<long long> expected_version);
// The old key is kept until `grace_days` from now (0: until retired by hand).
IdentityProvider switch_sp_key(soci::session& sql, const core::AuthContext* who,
                               const std::string& tenant_id, const std::string& idp_id,
                               int grace_days, std::optional<long long> expected_version);
IdentityProvider retire_previous_sp_key(soci::session& sql, const core::AuthContext* who,
                                        const std::string& tenant_id, const std::string& idp_id,
                                        std::optional<long long> expected_version);

// What removing a provider deletes with it.
void delete_sp_key_rollover(soci::session& sql, const std::string& tenant_id,
                            const std::string& idp_id);

}  // namespace sso
