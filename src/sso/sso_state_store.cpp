#include "sso/sso_state_store.hpp"

#include <algorithm>
#include <string_view>

#include "accounts/session_store.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"

namespace sso {
namespace {

constexpr std::string_view kPutRequest =
    "INSERT INTO sso_requests (key_hash, tenant_id, idp_id, nonce, verifier, next_path, "
    "expires_at, created_at) VALUES (:key_hash, :tenant_id, :idp_id, :nonce, :verifier, :next, "
    ":expires_at, :created_at)";
constexpr std::string_view kPurgeRequests = "DELETE FROM sso_requests WHERE expires_at <= :now";
constexpr std::string_view kFindRequest =
    "SELECT tenant_id, idp_id, nonce, verifier, next_path FROM sso_requests "
    "WHERE key_hash = :key_hash AND expires_at > :now";
constexpr std::string_view kTakeRequest = "DELETE FROM sso_requests WHERE key_hash = :key_hash";

constexpr std::string_view kKeepSession =
    "INSERT INTO sso_sessions (session_hash, tenant_id, idp_id, person_id, id_token_hint, "
    "name_id, subject, session_index, expires_at) VALUES (:hash, :tenant_id, :idp_id, "
    ":person_id, :hint, :name_id, :subject, :session_index, :expires_at)";
constexpr std::string_view kPurgeSessions = "DELETE FROM sso_sessions WHERE expires_at <= :now";
constexpr std::string_view kFindSession =
    "SELECT tenant_id, idp_id, person_id, id_token_hint, name_id, subject, session_index "
    "FROM sso_sessions WHERE session_hash = :hash";
constexpr std::string_view kForgetSession = "DELETE FROM sso_sessions WHERE session_hash = :hash";
constexpr std::string_view kSessionsOf =
    "SELECT session_hash, session_index FROM sso_sessions WHERE tenant_id = :tenant_id "
    "AND idp_id = :idp_id AND subject = :subject";

// Optional values are NULL when absent, as each protocol wrote them before they shared this.
db::Arg nullable(std::string_view name, const std::string& v) {
  return v.empty() ? db::Arg(name, std::nullopt) : db::Arg(name, v);
}

}  // namespace

void SsoStateStore::put_request(const std::string& key_hash, const PendingRequest& r,
                                const std::string& expires_at) {
  const std::string now = core::now_iso();
  db::WriteTx tx(sql_);
  db::execute(sql_, kPurgeRequests, {{"now", now}});
  db::execute(sql_, kPutRequest,
              {{"key_hash", key_hash},
               {"tenant_id", r.tenant_id},
               {"idp_id", r.idp_id},
               nullable("nonce", r.nonce),
               nullable("verifier", r.verifier),
               {"next", r.next_path},
               {"expires_at", expires_at},
               {"created_at", now}});
  tx.commit();
}

std::optional<PendingRequest> SsoStateStore::take_request(const std::string& key_hash,
                                                          const std::string& tenant_id,
                                                          const std::string& idp_id) {
  db::WriteTx tx(sql_);
  auto rows = db::query(sql_, kFindRequest, {{"key_hash", key_hash}, {"now", core::now_iso()}});
  if (rows.empty()) return std::nullopt;
  PendingRequest r{db::text(rows[0], "tenant_id"), db::text(rows[0], "idp_id"),
                   db::opt_text(rows[0], "nonce").value_or(""),
                   db::opt_text(rows[0], "verifier").value_or(""),
                   db::opt_text(rows[0], "next_path").value_or("")};
  if ((!tenant_id.empty() && r.tenant_id != tenant_id) || (!idp_id.empty() && r.idp_id != idp_id))
    return std::nullopt;
  // Single use: two instances handed the same answer race here, and only the one whose DELETE
  // removed the row goes on.
  if (db::execute(sql_, kTakeRequest, {{"key_hash", key_hash}}) != 1) return std::nullopt;
  tx.commit();
  return r;
}

void SsoStateStore::keep_session(const std::string& session_token, const SsoSession& s) {
  db::WriteTx tx(sql_);
  db::execute(sql_, kPurgeSessions, {{"now", core::now_iso()}});
  db::execute(sql_, kKeepSession,
              {{"hash", core::sha256_hex(session_token)},
               {"tenant_id", s.tenant_id},
               {"idp_id", s.idp_id},
               nullable("person_id", s.person_id),
               nullable("hint", s.id_token_hint),
               nullable("name_id", s.name_id),
               nullable("subject", s.subject),
               nullable("session_index", s.session_index),
               {"expires_at", core::iso_plus_seconds(accounts::kSessionSeconds)}});
  tx.commit();
}

std::optional<SsoSession> SsoStateStore::find_session(const std::string& session_token) {
  auto rows = db::query(sql_, kFindSession, {{"hash", core::sha256_hex(session_token)}});
  if (rows.empty()) return std::nullopt;
  auto opt = [&](std::string_view column) { return db::opt_text(rows[0], column).value_or(""); };
  return SsoSession{db::text(rows[0], "tenant_id"),
                    db::text(rows[0], "idp_id"),
                    opt("person_id"),
                    opt("id_token_hint"),
                    opt("name_id"),
                    opt("subject"),
                    opt("session_index")};
}

void SsoStateStore::forget_session(const std::string& session_token) {
  db::execute(sql_, kForgetSession, {{"hash", core::sha256_hex(session_token)}});
}

int SsoStateStore::end_sessions_of(const std::string& tenant_id, const std::string& idp_id,
                                   const std::string& subject,
                                   const std::vector<std::string>& session_indexes) {
  if (subject.empty()) return 0;
  db::WriteTx tx(sql_);
  auto rows = db::query(sql_, kSessionsOf,
                        {{"tenant_id", tenant_id}, {"idp_id", idp_id}, {"subject", subject}});
  int ended = 0;
  for (const auto& r : rows) {
    const auto index = db::opt_text(r, "session_index").value_or("");
    if (!session_indexes.empty() &&
        std::find(session_indexes.begin(), session_indexes.end(), index) == session_indexes.end())
      continue;
    const auto hash = db::text(r, "session_hash");
    db::execute(sql_, kForgetSession, {{"hash", hash}});
    accounts::SessionStore(sql_).end_hashed(hash);
    ++ended;
  }
  tx.commit();
  return ended;
}

}  // namespace sso
