#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "scim/scim_store.hpp"

namespace scim {
namespace {

using nlohmann::json;

constexpr std::string_view kCreatedAt =
    "SELECT created_at FROM scim_tokens WHERE tenant_id = :tenant_id";
constexpr std::string_view kDelete = "DELETE FROM scim_tokens WHERE tenant_id = :tenant_id";
constexpr std::string_view kInsert =
    "INSERT INTO scim_tokens (tenant_id, token_hash, created_at) "
    "VALUES (:tenant_id, :token_hash, :created_at)";
constexpr std::string_view kOwner =
    "SELECT tenant_id FROM scim_tokens WHERE token_hash = :token_hash";

// Tells a SCIM token from a personal API token (fdt_) in logs and secret scanners.
constexpr std::string_view kPrefix = "fds_";

}  // namespace

std::string TokenStore::create(const core::AuthContext& who) {
  std::string token = std::string(kPrefix) + core::random_token(32);
  std::string now = core::now_iso();
  db::WriteTx tx(sql_);
  auto before = created_at();
  db::execute(sql_, kDelete, {{"tenant_id", tenant_id_}});
  db::execute(
      sql_, kInsert,
      {{"tenant_id", tenant_id_}, {"token_hash", core::sha256_hex(token)}, {"created_at", now}});
  audit::record(sql_, tenant_id_, &who, "scim_token", tenant_id_, before ? "update" : "create",
                before ? json{{"created_at", *before}} : json(), json{{"created_at", now}});
  tx.commit();
  return token;
}

void TokenStore::revoke(const core::AuthContext& who) {
  db::WriteTx tx(sql_);
  auto before = created_at();
  if (!before) throw core::NotFound("there is no SCIM token to revoke");
  db::execute(sql_, kDelete, {{"tenant_id", tenant_id_}});
  audit::record(sql_, tenant_id_, &who, "scim_token", tenant_id_, "delete",
                json{{"created_at", *before}}, nullptr);
  tx.commit();
}

std::optional<std::string> TokenStore::created_at() {
  auto rows = db::query(sql_, kCreatedAt, {{"tenant_id", tenant_id_}});
  if (rows.empty()) return std::nullopt;
  return db::text(rows[0], "created_at");
}

std::optional<std::string> TokenStore::tenant_of(soci::session& sql, const std::string& token) {
  if (token.rfind(kPrefix, 0) != 0 || token.size() > 200) return std::nullopt;
  auto rows = db::query(sql, kOwner, {{"token_hash", core::sha256_hex(token)}});
  if (rows.empty()) return std::nullopt;
  return db::text(rows[0], "tenant_id");
}

}  // namespace scim
