#include "accounts/session_store.hpp"

#include <string_view>

#include "accounts/account_store.hpp"
#include "accounts/identity_cache.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/identity_version.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"

namespace accounts {
namespace {

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, tenant_id, account_id, csrf_token, created_at, expires_at) "
    "VALUES (:hash, :tenant_id, :account_id, :csrf, :created_at, :expires_at)";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = :hash";
constexpr std::string_view kSessionTenant =
    "SELECT tenant_id FROM sessions WHERE token_hash = :hash";
constexpr std::string_view kDeleteAccountSessions =
    "DELETE FROM sessions WHERE tenant_id = :tenant_id AND account_id = :account_id";
constexpr std::string_view kPurgeExpired = "DELETE FROM sessions WHERE expires_at < :now";

constexpr std::string_view kInsertToken =
    "INSERT INTO api_tokens (tenant_id, id, account_id, name, token_hash, created_at) "
    "VALUES (:tenant_id, :id, :account_id, :name, :hash, :created_at)";
constexpr std::string_view kListTokens =
    "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE tenant_id = :tenant_id "
    "AND account_id = :account_id AND revoked_at IS NULL ORDER BY id";
constexpr std::string_view kRevokeToken =
    "UPDATE api_tokens SET revoked_at = :now WHERE tenant_id = :tenant_id AND id = :id "
    "AND account_id = :account_id AND revoked_at IS NULL";

constexpr std::string_view kTouchToken =
    "UPDATE api_tokens SET last_used_at = :now WHERE tenant_id = :tenant_id AND id = :id";

constexpr const char* kTokenPrefix = "fdt_";
// "Last used" is shown to people, not audited: minute precision is enough, and it
// keeps API traffic from writing on every request.
constexpr long long kTouchIntervalSeconds = 60;

// A remembered identity counts while its tenant's identity version is unchanged.
std::optional<core::AuthContext> remembered(soci::session& sql, const std::string& hash) {
  auto who = identity_cache().find(hash);
  if (who && db::identity_version(sql, who->tenant_id) == who->identity_version) return who;
  return std::nullopt;
}

std::optional<core::AuthContext> remember(const std::string& hash,
                                          std::optional<core::AuthContext> who) {
  if (who) {
    identity_cache().put(hash, *who);
  } else {
    identity_cache().forget(hash);
  }
  return who;
}

}  // namespace

NewSession SessionStore::start(const std::string& tenant_id, const std::string& account_id) {
  NewSession s{core::random_token(32), core::random_token(24)};
  std::string hash = core::sha256_hex(s.token);
  std::string now = core::now_iso();
  std::string expires = core::iso_plus_seconds(kSessionSeconds);
  db::WriteTx tx(sql_);
  db::execute(sql_, kPurgeExpired, {{"now", now}});
  db::execute(sql_, kInsertSession,
              {{"hash", hash},
               {"tenant_id", tenant_id},
               {"account_id", account_id},
               {"csrf", s.csrf_token},
               {"created_at", now},
               {"expires_at", expires}});
  tx.commit();
  return s;
}

std::optional<core::AuthContext> SessionStore::resolve(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  std::string hash = core::sha256_hex(token);
  std::string now = core::now_iso();
  if (auto who = remembered(sql_, hash); who && who->session_expires_at > now) return who;
  return remember(hash, AccountStore(sql_).by_session(hash, now));
}

void SessionStore::end(const std::string& token) { end_hashed(core::sha256_hex(token)); }

void SessionStore::end_hashed(const std::string& hash) {
  identity_cache().forget(hash);
  db::WriteTx tx(sql_);
  auto session = db::query(sql_, kSessionTenant, {{"hash", hash}});
  if (session.empty()) return;
  db::execute(sql_, kDeleteSession, {{"hash", hash}});
  db::raise_identity_version(sql_, db::text(session[0], "tenant_id"));
  tx.commit();
}

void SessionStore::end_all(const std::string& tenant_id, const std::string& account_id) {
  db::execute(sql_, kDeleteAccountSessions, {{"tenant_id", tenant_id}, {"account_id", account_id}});
}

nlohmann::json SessionStore::create_api_token(const core::AuthContext& who,
                                              const std::string& name) {
  std::string token = kTokenPrefix + core::random_token(32);
  std::string hash = core::sha256_hex(token);
  std::string id = core::new_id();
  std::string now = core::now_iso();
  db::WriteTx tx(sql_);
  db::execute(sql_, kInsertToken,
              {{"tenant_id", who.tenant_id},
               {"id", id},
               {"account_id", who.account_id},
               {"name", name},
               {"hash", hash},
               {"created_at", now}});
  audit::record(sql_, who.tenant_id, &who, "api_token", id, "create", nullptr, {{"name", name}});
  tx.commit();
  return {{"id", id}, {"name", name}, {"token", token}, {"created_at", now}};
}

std::optional<core::AuthContext> SessionStore::resolve_api_token(const std::string& token) {
  if (token.rfind(kTokenPrefix, 0) != 0 || token.size() > 200) return std::nullopt;
  std::string hash = core::sha256_hex(token);
  auto who = remembered(sql_, hash);
  if (!who) who = remember(hash, AccountStore(sql_).by_api_token(hash));
  if (who && (who->token_last_used_at.empty() ||
              who->token_last_used_at < core::iso_plus_seconds(-kTouchIntervalSeconds))) {
    std::string now = core::now_iso();
    db::execute(sql_, kTouchToken,
                {{"now", now}, {"tenant_id", who->tenant_id}, {"id", who->token_id}});
    who->token_last_used_at = now;
    identity_cache().put(hash, *who);
  }
  return who;
}

nlohmann::json SessionStore::list_api_tokens(const core::AuthContext& who) {
  nlohmann::json items = nlohmann::json::array();
  auto rows =
      db::query(sql_, kListTokens, {{"tenant_id", who.tenant_id}, {"account_id", who.account_id}});
  for (const auto& r : rows) {
    auto last = db::opt_text(r, "last_used_at");
    items.push_back({{"id", db::text(r, "id")},
                     {"name", db::text(r, "name")},
                     {"created_at", db::text(r, "created_at")},
                     {"last_used_at", last ? nlohmann::json(*last) : nlohmann::json()}});
  }
  return items;
}

void SessionStore::revoke_api_token(const core::AuthContext& who, const std::string& id) {
  std::string now = core::now_iso();
  db::WriteTx tx(sql_);
  if (db::execute(sql_, kRevokeToken,
                  {{"now", now},
                   {"tenant_id", who.tenant_id},
                   {"id", id},
                   {"account_id", who.account_id}}) != 1)
    throw core::NotFound("no such token");
  db::raise_identity_version(sql_, who.tenant_id);
  audit::record(sql_, who.tenant_id, &who, "api_token", id, "delete", {{"revoked", false}},
                {{"revoked", true}});
  tx.commit();
}

}  // namespace accounts
