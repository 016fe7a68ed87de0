#include "sso/oidc_flow.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "sso/idp_store.hpp"
#include "sso/oidc_http.hpp"
#include "sso/oidc_token.hpp"
#include "sso/sign_in.hpp"
#include "sso/sso_state_store.hpp"

namespace sso {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& why) {
  spdlog::warn("OIDC sign-in refused: {}", why);
  throw core::Forbidden(core::Message{"err.sso_failed"}, "sso_failed");
}

long long epoch_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Single use: a state replayed (or raced from two instances) is refused.
std::optional<PendingRequest> take_pending(soci::session& sql, const std::string& state) {
  return SsoStateStore(sql).take_request(core::sha256_hex(state));
}

json exchange_code(const ProviderMetadata& provider, const OidcSettings& s, const std::string& code,
                   const std::string& verifier, const std::string& redirect_uri) {
  HttpCall call{.url = provider.token_endpoint,
                .form = {{"grant_type", "authorization_code"},
                         {"code", code},
                         {"redirect_uri", redirect_uri},
                         {"code_verifier", verifier}}};
  if (s.client_secret.empty()) {
    call.form["client_id"] = s.client_id;
  } else {
    call.basic_user = s.client_id;
    call.basic_password = s.client_secret;
  }
  auto answer = http_call(call);
  auto body = json::parse(answer.body, nullptr, false);
  if (answer.status != 200 || !body.is_object() || !body.contains("id_token") ||
      !body.at("id_token").is_string())
    fail("the token endpoint answered " + std::to_string(answer.status) + ": " +
         answer.body.substr(0, 300));
  return body;
}

// The signature, with the provider's keys fetched once more when the token names a key we do
// not know (the provider rotated its keys).
json verified_claims(const std::string& issuer, const std::string& id_token) {
  auto& directory = ProviderDirectory::instance();
  auto check = check_signature(id_token, directory.keys(issuer));
  if (check.result == SignatureCheck::Result::kUnknownKey && directory.refresh_keys(issuer)) {
    spdlog::info("OIDC keys of {} fetched again: the token names an unknown key", issuer);
    check = check_signature(id_token, directory.keys(issuer));
  }
  if (check.result != SignatureCheck::Result::kValid) fail("ID token: " + check.problem);
  return check.claims;
}

// Claims beyond the ID token's from userinfo, when the mapped e-mail is not in it (providers
// that keep the ID token small). The subject must be the same (OIDC Core 5.3.2).
void add_userinfo(json& claims, const ProviderMetadata& provider, const IdentityProvider& idp,
                  const json& tokens) {
  if (claims.contains(idp.email_claim) || provider.userinfo_endpoint.empty() ||
      !tokens.contains("access_token") || !tokens.at("access_token").is_string())
    return;
  auto answer = http_call(
      {.url = provider.userinfo_endpoint, .bearer = tokens.at("access_token").get<std::string>()});
  auto info = json::parse(answer.body, nullptr, false);
  if (answer.status != 200 || !info.is_object()) return;
  if (info.value("sub", "") != claims.value("sub", "")) fail("userinfo names another subject");
  for (const auto& [k, v] : info.items())
    if (!claims.contains(k)) claims[k] = v;
}

}  // namespace

OidcSettings oidc_settings(const IdentityProvider& idp) {
  OidcSettings s;
  s.issuer = idp.settings.value("issuer", "");
  s.client_id = idp.settings.value("client_id", "");
  if (auto scopes = idp.settings.value("scopes", ""); !scopes.empty()) s.scopes = scopes;
  if (s.scopes.find("openid") == std::string::npos) s.scopes = "openid " + s.scopes;
  s.client_secret = idp.secret.value_or("");
  if (s.issuer.empty() || s.client_id.empty())
    throw core::ValidationError("settings", "an OIDC provider needs issuer and client_id");
  if (!acceptable_provider_url(s.issuer))
    throw core::ValidationError("settings", "the issuer must be an https address");
  return s;
}

std::string authorization_url(const ProviderMetadata& provider, const OidcSettings& settings,
                              const std::string& redirect_uri, const std::string& state,
                              const std::string& nonce, const std::string& verifier) {
  const std::string& base = provider.authorization_endpoint;
  return base + (base.find('?') == std::string::npos ? "?" : "&") +
         form_encode({{"response_type", "code"},
                      {"client_id", settings.client_id},
                      {"redirect_uri", redirect_uri},
                      {"scope", settings.scopes},
                      {"state", state},
                      {"nonce", nonce},
                      {"code_challenge", pkce_challenge(verifier)},
                      {"code_challenge_method", "S256"}});
}

std::string begin_sign_in(soci::session& sql, const IdentityProvider& idp,
                          const std::string& redirect_uri, const std::string& next) {
  if (idp.kind != "oidc" || !idp.enabled) throw core::NotFound("no such identity provider");
  auto settings = oidc_settings(idp);
  auto provider = ProviderDirectory::instance().metadata(settings.issuer);
  const std::string state = core::random_token(32);
  const std::string nonce = core::random_token(32);
  const std::string verifier = core::random_token(48);  // 64 characters (RFC 7636: 43-128)
  SsoStateStore(sql).put_request(core::sha256_hex(state),
                                 {.tenant_id = idp.tenant_id,
                                  .idp_id = idp.id,
                                  .nonce = nonce,
                                  .verifier = verifier,
                                  .next_path = next},
                                 core::iso_plus_seconds(kPendingSeconds));
  return authorization_url(provider, settings, redirect_uri, state, nonce, verifier);
}

OidcSignedIn finish_sign_in(soci::session& sql, const std::string& state, const std::string& code,
                            const std::optional<std::string>& iss,
                            const std::string& redirect_uri) {
  if (state.empty() || code.empty()) fail("no state or code");
  auto pending = take_pending(sql, state);
  if (!pending) fail("unknown, used or expired state");
  auto idp = IdpStore(sql, pending->tenant_id).get(pending->idp_id);
  if (idp.kind != "oidc") fail("the state is not of an OIDC provider");
  auto settings = oidc_settings(idp);
  if (iss && *iss != settings.issuer) fail("the callback names issuer " + *iss);
  auto provider = ProviderDirectory::instance().metadata(settings.issuer);
  auto tokens = exchange_code(provider, settings, code, pending->verifier, redirect_uri);
  const std::string id_token = tokens.at("id_token").get<std::string>();
  auto claims = verified_claims(settings.issuer, id_token);
  auto problem = id_token_problem(
      claims, {settings.issuer, settings.client_id, pending->nonce, epoch_seconds()});
  if (!problem.empty()) fail("ID token: " + problem);
  add_userinfo(claims, provider, idp, tokens);
  Claims mapped = map_claims(idp, claims);
  if (!email_trusted(claims)) mapped.email.clear();
  mapped.subject = claims.value("sub", "");
  mapped.issuer = settings.issuer;
  auto login = sign_in(sql, idp, mapped);
  SsoStateStore(sql).keep_session(login.session.token, {.tenant_id = idp.tenant_id,
                                                        .idp_id = idp.id,
                                                        .person_id = login.who.person_id,
                                                        .id_token_hint = id_token});
  return {login, pending->next_path};
}

std::optional<std::string> provider_logout_url(soci::session& sql, const std::string& session_token,
                                               const std::string& post_logout_uri) {
  SsoStateStore store(sql);
  auto session = store.find_session(session_token);
  if (!session) return std::nullopt;
  store.forget_session(session_token);
  const std::string& hint = session->id_token_hint;
  try {
    auto idp = IdpStore(sql, session->tenant_id).get(session->idp_id);
    if (idp.kind != "oidc" || hint.empty()) return std::nullopt;
    auto settings = oidc_settings(idp);
    auto provider = ProviderDirectory::instance().metadata(settings.issuer);
    if (provider.end_session_endpoint.empty()) return std::nullopt;
    const std::string& base = provider.end_session_endpoint;
    return base + (base.find('?') == std::string::npos ? "?" : "&") +
           form_encode({{"id_token_hint", hint},
                        {"client_id", settings.client_id},
                        {"post_logout_redirect_uri", post_logout_uri}});
  } catch (const core::Error& e) {
    // The local session has ended; a provider gone or reconfigured must not stop that.
    spdlog::warn("OIDC logout at the provider skipped: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace sso
