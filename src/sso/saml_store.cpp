#include "sso/saml_store.hpp"

#include <string_view>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"

namespace sso::saml {
namespace {

constexpr std::string_view kSaveRequest =
    "INSERT INTO sso_requests (key_hash, tenant_id, idp_id, next_path, expires_at, created_at) "
    "VALUES (:key_hash, :tenant_id, :idp_id, :next_path, :expires_at, :created_at)";
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

// SAML request IDs are not secrets, but the same key as the OIDC state keeps one lookup.
std::string key_of(const std::string& request_id) { return core::sha256_hex("saml:" + request_id); }

}  // namespace

void SamlStore::save_request(const std::string& idp_id, const std::string& request_id,
                             const std::string& next_path, const std::string& expires_at) {
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

}  // namespace sso::saml
