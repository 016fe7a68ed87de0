#include "accounts/login_activation.hpp"

#include <string_view>

#include "accounts/login_store.hpp"
#include "accounts/session_store.hpp"
#include "core/time.hpp"
#include "db/identity_version.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"

namespace accounts {
namespace {

constexpr std::string_view kRevokeTokens =
    "UPDATE api_tokens SET revoked_at = :now WHERE tenant_id = :tenant_id AND account_id = :id "
    "AND revoked_at IS NULL";

}  // namespace

void set_login_active(soci::session& sql, const std::string& tenant_id,
                      const core::AuthContext& who, const std::string& person_id, bool active) {
  db::WriteTx tx(sql);
  LoginStore logins(sql, tenant_id);
  auto login = logins.for_person(person_id);
  if (!login) return;  // nothing written: the transaction ends as it began
  if (login->active != active) {
    logins.update(who, login->id, login->version, std::nullopt, active);
  }
  if (!active) {
    // Tokens are revoked, not only refused while the login is off: reactivation must not bring
    // back a credential the person held before.
    SessionStore(sql).end_all(tenant_id, login->id);
    db::execute(sql, kRevokeTokens,
                {{"now", core::now_iso()}, {"tenant_id", tenant_id}, {"id", login->id}});
    db::raise_identity_version(sql, tenant_id);
  }
  tx.commit();
}

}  // namespace accounts
