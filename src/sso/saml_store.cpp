#include "sso/saml_store.hpp"

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "sso/sso_state_store.hpp"

namespace sso::saml {
namespace {

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
  SsoStateStore(sql_).put_request(
      key_of(request_id), {.tenant_id = tenant_id_, .idp_id = idp_id, .next_path = next_path},
      expires_at);
}

std::optional<std::string> SamlStore::take_request(const std::string& idp_id,
                                                   const std::string& request_id) {
  auto taken = SsoStateStore(sql_).take_request(key_of(request_id), tenant_id_, idp_id);
  if (!taken) return std::nullopt;
  return taken->next_path;
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

void SamlStore::remember_session(const std::string& session_token, const IdpSession& s,
                                 const std::string& person_id) {
  // The NameID's Format is kept with it (as JSON) because a LogoutRequest must name the
  // person exactly as the assertion did; its value alone finds the sessions the IdP ends.
  const nlohmann::json name_id = {{"format", s.name_id_format}, {"value", s.name_id}};
  SsoStateStore(sql_).keep_session(session_token, {.tenant_id = tenant_id_,
                                                   .idp_id = s.idp_id,
                                                   .person_id = person_id,
                                                   .name_id = name_id.dump(),
                                                   .subject = s.name_id,
                                                   .session_index = s.session_index});
}

std::optional<std::pair<std::string, SamlStore::IdpSession>> take_session(
    soci::session& sql, const std::string& session_token) {
  SsoStateStore store(sql);
  auto session = store.find_session(session_token);
  // SAML sessions are those with a NameID; OIDC's carry an ID token hint instead.
  if (!session || session->name_id.empty()) return std::nullopt;
  auto name_id = nlohmann::json::parse(session->name_id, nullptr, false);
  if (!name_id.is_object()) return std::nullopt;
  store.forget_session(session_token);
  return std::pair{session->tenant_id,
                   SamlStore::IdpSession{session->idp_id, name_id.value("value", ""),
                                         name_id.value("format", ""), session->session_index}};
}

int end_idp_sessions(soci::session& sql, const std::string& tenant_id, const std::string& idp_id,
                     const std::string& name_id, const std::vector<std::string>& session_indexes) {
  return SsoStateStore(sql).end_sessions_of(tenant_id, idp_id, name_id, session_indexes);
}

}  // namespace sso::saml
