#include "sso/saml_store.hpp"

#include <string_view>

#include <nlohmann/json.hpp>

#include "accounts/session_store.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"

namespace sso::saml {
namespace {

constexpr std::string_view kSaveRequest =
    "INSERT INTO sso_requests (key_hash, tenant_id, idp_id, next_path, expires_at, created_at) "
    "VALUES (:key_hash, :tenant_id, :idp_id, :next_path, :expires_at, :created_at)";
// Abandoned sign-ins and ended sessions of every tenant go when a new one is written, so the
// tables stay small without a job (the OIDC code does the same).
constexpr std::string_view kPurgeRequests = "DELETE FROM sso_requests WHERE expires_at <= :now";
constexpr std::string_view kPurgeSessions = "DELETE FROM sso_sessions WHERE expires_at <= :now";
constexpr std::string_view kFindRequest =
    "SELECT next_path FROM sso_requests WHERE key_hash = :key_hash AND tenant_id = :tenant_id "
    "AND idp_id = :idp_id AND expires_at > :now";
constexpr std::string_view kDeleteRequest =
    "DELETE FROM sso_requests WHERE key_hash = :key_hash AND tenant_id = :tenant_id "
    "AND idp_id = :idp_id";
constexpr std::string_view kPurgeUsed =
    "DELETE FROM sso_used_ids WHERE tenant_id = :tenant_id AND expires_at < :now";
constexpr std::string_view kUse =
    "INSERT INTO sso_used_ids (tenant_id, idp_id, used_id, expires_at) "
    "VALUES (:tenant_id, :idp_id, :used_id, :expires_at) ON CONFLICT DO NOTHING";

constexpr std::string_view kRememberSession =
    "INSERT INTO sso_sessions (session_hash, tenant_id, idp_id, name_id, session_index, "
    "expires_at) VALUES (:hash, :tenant_id, :idp_id, :name_id, :session_index, :expires_at)";
// SAML sessions are those with a NameID; OIDC's carry an ID token hint instead.
constexpr std::string_view kSessionOf =
    "SELECT tenant_id, idp_id, name_id, session_index FROM sso_sessions "
    "WHERE session_hash = :hash AND name_id IS NOT NULL";
constexpr std::string_view kForgetSession = "DELETE FROM sso_sessions WHERE session_hash = :hash";

// SAML request IDs are not secrets, but the same key as the OIDC state keeps one lookup.
std::string key_of(const std::string& request_id) { return core::sha256_hex("saml:" + request_id); }

}  // namespace

void SamlStore::save_request(const std::string& idp_id, const std::string& request_id,
                             const std::string& next_path, const std::string& expires_at) {
  db::execute(sql_, kPurgeRequests, {{"now", core::now_iso()}});
  db::execute(sql_, kSaveRequest,
              {{"key_hash", key_of(request_id)},
               {"tenant_id", tenant_id_},
               {"idp_id", idp_id},
               {"next_path", next_path},
               {"expires_at", expires_at},
               {"created_at", core::now_iso()}});
}

std::optional<std::string> SamlStore::take_request(const std::string& idp_id,
                                                   const std::string& request_id) {
  db::WriteTx tx(sql_);
  const auto key = key_of(request_id);
  auto rows = db::query(
      sql_, kFindRequest,
      {{"key_hash", key}, {"tenant_id", tenant_id_}, {"idp_id", idp_id}, {"now", core::now_iso()}});
  std::optional<std::string> next;
  for (const auto& r : rows) next = db::opt_text(r, "next_path").value_or("");
  if (!next) return std::nullopt;
  // Two instances handed the same response race here; only one deletes the row.
  auto deleted = db::execute(sql_, kDeleteRequest,
                             {{"key_hash", key}, {"tenant_id", tenant_id_}, {"idp_id", idp_id}});
  tx.commit();
  if (deleted != 1) return std::nullopt;
  return next;
}

bool SamlStore::first_use(const std::string& idp_id, const std::string& assertion_id,
                          const std::string& expires_at) {
  db::WriteTx tx(sql_);
  db::execute(sql_, kPurgeUsed, {{"tenant_id", tenant_id_}, {"now", core::now_iso()}});
  auto inserted = db::execute(sql_, kUse,
                              {{"tenant_id", tenant_id_},
                               {"idp_id", idp_id},
                               {"used_id", assertion_id},
                               {"expires_at", expires_at}});
  tx.commit();
  return inserted == 1;
}

void SamlStore::remember_session(const std::string& session_token, const IdpSession& s) {
  // The NameID's Format is kept with it (as JSON) because a LogoutRequest must name the
  // person exactly as the assertion did.
  const nlohmann::json name_id = {{"format", s.name_id_format}, {"value", s.name_id}};
  db::execute(sql_, kPurgeSessions, {{"now", core::now_iso()}});
  db::execute(sql_, kRememberSession,
              {{"hash", core::sha256_hex(session_token)},
               {"tenant_id", tenant_id_},
               {"idp_id", s.idp_id},
               {"name_id", name_id.dump()},
               {"session_index", s.session_index},
               {"expires_at", core::iso_plus_seconds(accounts::kSessionSeconds)}});
}

std::optional<std::pair<std::string, SamlStore::IdpSession>> take_session(
    soci::session& sql, const std::string& session_token) {
  const auto hash = core::sha256_hex(session_token);
  auto rows = db::query(sql, kSessionOf, {{"hash", hash}});
  std::optional<std::pair<std::string, SamlStore::IdpSession>> out;
  for (const auto& r : rows) {
    auto name_id = nlohmann::json::parse(db::text(r, "name_id"), nullptr, false);
    if (!name_id.is_object()) continue;
    out = {db::text(r, "tenant_id"),
           {db::text(r, "idp_id"), name_id.value("value", ""), name_id.value("format", ""),
            db::opt_text(r, "session_index").value_or("")}};
  }
  if (out) db::execute(sql, kForgetSession, {{"hash", hash}});
  return out;
}

}  // namespace sso::saml
