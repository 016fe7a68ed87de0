#include "sso/sp_key_rollover.hpp"

#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "sso/idp_store.hpp"
#include "sso/sp_keys.hpp"

namespace sso {
namespace {

constexpr std::string_view kSelect =
    "SELECT slot, private_key, certificate, retire_at, created_at FROM sso_sp_keys "
    "WHERE tenant_id = :tenant_id AND idp_id = :idp_id";
constexpr std::string_view kDeleteSlot =
    "DELETE FROM sso_sp_keys WHERE tenant_id = :tenant_id AND idp_id = :idp_id AND slot = :slot";
constexpr std::string_view kDeleteAll =
    "DELETE FROM sso_sp_keys WHERE tenant_id = :tenant_id AND idp_id = :idp_id";
constexpr std::string_view kInsert =
    "INSERT INTO sso_sp_keys (tenant_id, idp_id, slot, private_key, certificate, retire_at, "
    "created_at) VALUES (:tenant_id, :idp_id, :slot, :private_key, :certificate, :retire_at, "
    ":created_at)";

IdentityProvider saml_provider(soci::session& sql, const std::string& tenant_id,
                               const std::string& id) {
  auto idp = IdpStore(sql, tenant_id).get(id);
  if (idp.kind != "saml") throw core::ValidationError("kind", "this is no SAML identity provider");
  return idp;
}

void put(soci::session& sql, const IdentityProvider& idp, const std::string& slot,
         const SpKeySlot& k) {
  db::execute(sql, kDeleteSlot, {{"tenant_id", idp.tenant_id}, {"idp_id", idp.id}, {"slot", slot}});
  db::execute(sql, kInsert,
              {{"tenant_id", idp.tenant_id},
               {"idp_id", idp.id},
               {"slot", slot},
               {"private_key", k.private_key_pem},
               {"certificate", k.certificate_pem},
               {"retire_at", k.retire_at},
               {"created_at", k.created_at}});
}

void drop(soci::session& sql, const IdentityProvider& idp, const std::string& slot) {
  db::execute(sql, kDeleteSlot, {{"tenant_id", idp.tenant_id}, {"idp_id", idp.id}, {"slot", slot}});
}

// The version bump that each step is (the row's own columns may be unchanged): a stale
// version is the usual 409 before anything else is written.
IdentityProvider bump(soci::session& sql, const core::AuthContext* who, const IdentityProvider& idp,
                      std::optional<long long> expected) {
  return IdpStore(sql, idp.tenant_id).update(who, idp, expected.value_or(idp.version));
}

std::string setting(const IdentityProvider& idp, const char* key) {
  auto it = idp.settings.find(key);
  return it != idp.settings.end() && it->is_string() ? it->get<std::string>() : std::string();
}

nlohmann::json slot_json(const std::optional<SpKeySlot>& s) {
  if (!s) return nullptr;
  return {{"certificate", s->certificate_pem},
          {"created_at", s->created_at},
          {"retire_at", s->retire_at ? nlohmann::json(*s->retire_at) : nlohmann::json(nullptr)}};
}

}  // namespace

std::vector<std::string> SpKeyRollover::other_certificates() const {
  std::vector<std::string> out;
  if (next) out.push_back(next->certificate_pem);
  if (previous) out.push_back(previous->certificate_pem);
  return out;
}

std::vector<std::string> SpKeyRollover::other_private_keys() const {
  std::vector<std::string> out;
  if (next) out.push_back(next->private_key_pem);
  if (previous) out.push_back(previous->private_key_pem);
  return out;
}

SpKeyRollover sp_key_rollover(soci::session& sql, const std::string& tenant_id,
                              const std::string& idp_id, const std::string& now_iso) {
  SpKeyRollover out;
  for (const auto& r : db::query(sql, kSelect, {{"tenant_id", tenant_id}, {"idp_id", idp_id}})) {
    SpKeySlot k{db::text(r, "certificate"), db::text(r, "private_key"),
                db::opt_text(r, "retire_at"), db::text(r, "created_at")};
    if (db::text(r, "slot") == "next") {
      out.next = k;
    } else if (!k.retire_at || *k.retire_at > now_iso) {
      // Past its date the old key is gone without a job having to delete it.
      out.previous = k;
    }
  }
  return out;
}

nlohmann::json to_json(const SpKeyRollover& r) {
  return {{"next", slot_json(r.next)}, {"previous", slot_json(r.previous)}};
}

nlohmann::json sp_key_rollover_schema() {
  const nlohmann::json slot = {
      {"type", {"object", "null"}},
      {"properties",
       {{"certificate", {{"type", "string"}, {"description", "PEM; the key is never returned"}}},
        {"created_at", {{"type", "string"}}},
        {"retire_at",
         {{"type", {"string", "null"}},
          {"description", "previous only: when it stops decrypting and is unpublished"}}}}}};
  return {{"type", {"object", "null"}},
          {"description",
           "SAML only (null otherwise): the SP keys beside the current one "
           "(settings.sp_certificate): next is published "
           "before the switch, previous after it until retired"},
          {"properties", {{"next", slot}, {"previous", slot}}}};
}

IdentityProvider prepare_next_sp_key(soci::session& sql, const core::AuthContext* who,
                                     const std::string& tenant_id, const std::string& idp_id,
                                     int days, std::optional<long long> expected_version) {
  auto idp = saml_provider(sql, tenant_id, idp_id);
  // Made before the transaction: RSA-3072 takes a moment, and no lock need wait for it.
  auto keys = saml::generate_sp_key_pair(("fremdrift SP " + idp.slug).substr(0, 64), days);
  db::WriteTx tx(sql);
  auto saved = bump(sql, who, idp, expected_version);
  put(sql, idp, "next",
      {keys.certificate_pem, keys.private_key_pem, std::nullopt, core::now_iso()});
  tx.commit();
  return saved;
}

IdentityProvider switch_sp_key(soci::session& sql, const core::AuthContext* who,
                               const std::string& tenant_id, const std::string& idp_id,
                               int grace_days, std::optional<long long> expected_version) {
  db::WriteTx tx(sql);
  auto idp = saml_provider(sql, tenant_id, idp_id);
  auto now = core::now_iso();
  auto state = sp_key_rollover(sql, tenant_id, idp_id, now);
  if (!state.next) {
    throw core::ValidationError("next", "prepare the next SP key before switching to it");
  }
  const std::string old_cert = setting(idp, "sp_certificate");
  const std::string old_key = idp.secret.value_or("");
  idp.settings["sp_certificate"] = state.next->certificate_pem;
  idp.secret = state.next->private_key_pem;
  auto saved = bump(sql, who, idp, expected_version);
  drop(sql, idp, "next");
  drop(sql, idp, "previous");
  // A provider without a key before (unsigned requests, no encryption) has nothing to keep.
  if (!old_cert.empty() && !old_key.empty()) {
    std::optional<std::string> until;
    if (grace_days > 0) until = core::iso_plus_seconds(static_cast<long long>(grace_days) * 86400);
    put(sql, idp, "previous", {old_cert, old_key, until, now});
  }
  tx.commit();
  return saved;
}

IdentityProvider retire_previous_sp_key(soci::session& sql, const core::AuthContext* who,
                                        const std::string& tenant_id, const std::string& idp_id,
                                        std::optional<long long> expected_version) {
  db::WriteTx tx(sql);
  auto idp = saml_provider(sql, tenant_id, idp_id);
  auto saved = bump(sql, who, idp, expected_version);
  drop(sql, idp, "previous");
  tx.commit();
  return saved;
}

void delete_sp_key_rollover(soci::session& sql, const std::string& tenant_id,
                            const std::string& idp_id) {
  db::execute(sql, kDeleteAll, {{"tenant_id", tenant_id}, {"idp_id", idp_id}});
}

}  // namespace sso
