#include "sso/saml_routes.hpp"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "accounts/account_routes.hpp"
#include "accounts/login_hooks.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "kit/pages.hpp"
#include "sso/idp_metadata_source.hpp"
#include "sso/idp_store.hpp"
#include "sso/saml_logout.hpp"
#include "sso/saml_metadata.hpp"
#include "sso/saml_response.hpp"
#include "sso/saml_store.hpp"
#include "sso/sign_in.hpp"
#include "sso/sp_key_rollover.hpp"
#include "web/public_url.hpp"

namespace sso::saml {
namespace {

using http::Request;
using http::Response;

constexpr long long kRequestSeconds = 600;  // time to sign in at the IdP
constexpr std::string_view kTenantSlug = "SELECT slug FROM tenants WHERE id = :id";
constexpr const char* kBrowserCookie = "fremdrift_saml";

// The request's ID in the browser that sent it, so that a response can only sign in the
// browser that asked for it: without it, someone could have a victim's browser post a
// response made for the attacker's own account (login CSRF). The IdP's POST is cross-site,
// so the cookie needs SameSite=None, which browsers take only with Secure (https).
std::string browser_cookie(const std::string& request_id, bool secure) {
  return std::string(kBrowserCookie) + "=" + request_id +
         "; Path=/sso/; HttpOnly; Max-Age=" + std::to_string(kRequestSeconds) +
         (secure ? "; SameSite=None; Secure" : "; SameSite=Lax");
}

// One SAML provider as a request names it, with this SP's addresses for it.
struct Provider {
  IdentityProvider idp;
  IdpMetadata idp_metadata;
  std::string sp_entity_id;
  std::string acs_url;
  std::string sp_certificate;
  std::string slo_url;
  SpKeyRollover rollover;  // the next or previous SP key beside the current one (D61)
};

std::string setting(const IdentityProvider& idp, const char* key) {
  auto it = idp.settings.find(key);
  return it != idp.settings.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Provider load(soci::session& sql, const Request& req) {
  auto tenant = tenant_of_slug(sql, req.param("tenant"));
  if (!tenant) throw core::NotFound("no such tenant");
  auto idp = IdpStore(sql, *tenant).by_slug(req.param("idp"));
  if (!idp || idp->kind != "saml") throw core::NotFound("no such SAML identity provider");
  // The addresses the IdP sends the browser to must be this site's own, never built from the
  // Host header a client chooses (D32).
  if (web::public_url().empty()) {
    throw core::Unavailable("SAML needs the site's address: serve --public-url");
  }
  const std::string base =
      web::public_url() + "/sso/" + req.param("tenant") + "/" + idp->slug + "/saml";
  Provider p{*idp,
             {},
             setting(*idp, "sp_entity_id"),
             base + "/acs",
             normalize_pem(setting(*idp, "sp_certificate"))};
  // Pasted into the form's one-line secret field, a PEM key has lost its line breaks.
  if (p.idp.secret) p.idp.secret = normalize_pem(*p.idp.secret);
  if (p.sp_entity_id.empty()) p.sp_entity_id = base + "/metadata";
  p.slo_url = base + "/logout";
  p.idp_metadata = parse_idp_metadata(idp_metadata_text(sql, *idp));
  p.rollover = sp_key_rollover(sql, idp->tenant_id, idp->id, core::now_iso());
  return p;
}

// Only a path of this site: "/x" but never "//host" or "/\host", which browsers take as
// another site, and nothing that could end the Location header early.
std::string safe_next(const std::optional<std::string>& next) {
  if (!next || next->empty() || next->front() != '/' || next->starts_with("//") ||
      next->starts_with("/\\") || std::any_of(next->begin(), next->end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
      })) {
    return "/";
  }
  return *next;
}

Response metadata(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto p = load(*sql, req);
  auto res = Response::text(200, sp_metadata_xml({p.sp_entity_id, p.acs_url, p.sp_certificate,
                                                  p.slo_url, p.rollover.other_certificates()}));
  res.content_type = "application/samlmetadata+xml";
  return res;
}

Response start(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto p = load(*sql, req);
  if (!p.idp.enabled) throw core::Forbidden(core::Message{"err.sso_disabled"}, "sso_disabled");
  AuthnRequest request{"_" + core::random_token(20), core::to_iso(Clock::now()),
                       p.idp_metadata.sso_redirect_url, p.acs_url, p.sp_entity_id};
  SamlStore(*sql, p.idp.tenant_id)
      .save_request(p.idp.id, request.id, safe_next(req.query_param("next")),
                    core::iso_plus_seconds(kRequestSeconds));
  return Response::redirect(redirect_url(p.idp_metadata.sso_redirect_url,
                                         authn_request_xml(request), "", p.idp.secret.value_or("")))
      .header("Set-Cookie", browser_cookie(request.id, req.secure));
}

nlohmann::json attributes_json(const Assertion& a) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, values] : a.attributes) out[name] = values;
  // SAML IdPs name the person displayName (eduPerson, OIOSAML) rather than OIDC's "name".
  if (!out.contains("name") && out.contains("displayName")) out["name"] = out["displayName"];
  return out;
}

[[noreturn]] void refused(const Provider& p, const Refused& r,
                          const char* what = "SAML response refused",
                          const char* key = "err.saml_refused") {
  spdlog::warn("{}", nlohmann::json{{"msg", what},
                                    {"tenant", p.idp.tenant_id},
                                    {"idp", p.idp.slug},
                                    {"reason", refusal_name(r.reason())},
                                    {"detail", r.what()}}
                         .dump());
  const std::string reason(refusal_name(r.reason()));
  throw core::Forbidden(core::Message{key, {{"reason", reason}}}, "saml_" + reason);
}

Response acs(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto p = load(*sql, req);
  auto form = req.form();
  std::string xml;
  try {
    xml = base64_decode(form["SAMLResponse"]);
  } catch (const std::invalid_argument&) {
    throw core::BadRequest("SAMLResponse is not base64");
  }
  SamlStore store(*sql, p.idp.tenant_id);
  try {
    // Checked in this order so that each refusal says what is wrong: the document first (its
    // InResponseTo must agree with itself), then a replay of an accepted assertion, then
    // whether this browser sent the request it answers — used once, so a second answer to it
    // fails.
    Expectations e{p.sp_entity_id,
                   p.acs_url,
                   p.idp_metadata.entity_id,
                   p.idp_metadata.signing_certificates,
                   p.idp.secret.value_or(""),
                   peek_in_response_to(xml),
                   Clock::now()};
    for (const auto& key : p.rollover.other_private_keys())
      e.sp_other_private_keys_pem.push_back(normalize_pem(key));
    auto assertion = verify_response(xml, e);
    if (!store.first_use(p.idp.id, assertion.id,
                         core::to_iso(assertion.not_on_or_after + e.skew))) {
      throw Refused(Refusal::kReplayed, "assertion ID seen before");
    }
    if (req.cookie(kBrowserCookie).value_or("") != e.request_id) {
      throw Refused(Refusal::kInResponseTo, "the request was not sent from this browser");
    }
    auto next = store.take_request(p.idp.id, e.request_id);
    if (!next) throw Refused(Refusal::kInResponseTo, "no request of ours has this ID");
    Claims claims = map_claims(p.idp, attributes_json(assertion));
    claims.subject = assertion.name_id;
    claims.issuer = assertion.issuer;
    auto login = sign_in(*sql, p.idp, claims);
    store.remember_session(
        login.session.token,
        {p.idp.id, assertion.name_id, assertion.name_id_format, assertion.session_index},
        login.who.person_id);
    return Response::redirect(*next)
        .header("Set-Cookie", accounts::session_cookie(login.session.token, req.secure))
        .header("Set-Cookie", std::string(kBrowserCookie) + "=; Path=/sso/; Max-Age=0");
  } catch (const Refused& r) {
    refused(p, r);
  }
}

// Before the local session ends (accounts' logout hook): the IdP's single logout for a SAML
// session, a signed LogoutRequest by the HTTP-Redirect binding; nullopt when the session is
// not SAML's or the IdP offers no single logout.
std::optional<std::string> saml_logout(db::Database& db, const std::string& token) {
  if (web::public_url().empty()) return std::nullopt;
  auto sql = db.lease();
  auto taken = take_session(*sql, token);
  if (!taken) return std::nullopt;
  const auto& [tenant_id, session] = *taken;
  try {
    auto idp = IdpStore(*sql, tenant_id).get(session.idp_id);
    auto md = parse_idp_metadata(idp_metadata_text(*sql, idp));
    if (md.slo_redirect_url.empty()) return std::nullopt;
    auto tenant_slug = db::query(*sql, kTenantSlug, {{"id", tenant_id}});
    std::string sp_entity_id = setting(idp, "sp_entity_id");
    for (const auto& r : tenant_slug) {
      if (sp_entity_id.empty()) {
        sp_entity_id =
            web::public_url() + "/sso/" + db::text(r, "slug") + "/" + idp.slug + "/saml/metadata";
      }
    }
    LogoutRequest request{"_" + core::random_token(20),
                          core::to_iso(Clock::now()),
                          md.slo_redirect_url,
                          sp_entity_id,
                          session.name_id,
                          session.name_id_format,
                          session.session_index};
    return redirect_url(md.slo_redirect_url, logout_request_xml(request), "",
                        normalize_pem(idp.secret.value_or("")));
  } catch (const core::Error& e) {
    // The local session ends whatever the provider's state; a provider gone or
    // reconfigured must not stop that.
    spdlog::warn(
        "{}", nlohmann::json{{"msg", "SAML logout at the provider skipped"}, {"detail", e.what()}}
                  .dump());
    return std::nullopt;
  }
}

// Single logout started by the IdP (D53): a LogoutRequest verified as the IdP's (and seen
// once) ends the local sessions of the NameID it names, and the browser goes back to the IdP
// with our LogoutResponse. A refused request ends nothing and is answered 403 here.
Response idp_logout(db::Database& db, const Request& req, bool posted) {
  auto sql = db.lease();
  auto p = load(*sql, req);
  const LogoutExpectations e{p.slo_url, p.idp_metadata.entity_id,
                             p.idp_metadata.signing_certificates, Clock::now()};
  IdpLogoutRequest request;
  try {
    if (posted) {
      auto form = req.form();
      request = verify_posted_logout_request(form["SAMLRequest"], form["RelayState"], e);
    } else {
      request = verify_redirect_logout_request(req.raw_query, e);
    }
    if (!SamlStore(*sql, p.idp.tenant_id)
             .first_use(p.idp.id, request.id, core::to_iso(request.valid_until + e.skew))) {
      throw Refused(Refusal::kReplayed, "LogoutRequest ID seen before");
    }
  } catch (const Refused& r) {
    refused(p, r, "SAML logout request refused", "err.saml_logout_refused");
  }
  LogoutResponse answer{"_" + core::random_token(20), core::to_iso(Clock::now()),
                        p.idp_metadata.slo_response_url, request.id, p.sp_entity_id};
  if (request.name_id.empty()) {
    answer.status = kStatusRequester;  // an EncryptedID or none: we cannot tell whom it means
  } else {
    try {
      int ended = end_idp_sessions(*sql, p.idp.tenant_id, p.idp.id, request.name_id,
                                   request.session_indexes);
      spdlog::info("{}", nlohmann::json{{"msg", "SAML logout by the IdP"},
                                        {"tenant", p.idp.tenant_id},
                                        {"idp", p.idp.slug},
                                        {"sessions_ended", ended}}
                             .dump());
    } catch (const std::exception& ex) {
      spdlog::error("SAML logout by the IdP failed: {}", ex.what());
      answer.status = kStatusResponder;
      answer.second_status = kStatusPartialLogout;
    }
  }
  // This browser's own session, if it has one here, is one of those the IdP ended.
  const auto cleared = accounts::expired_session_cookie(req.secure);
  if (answer.destination.empty()) {
    return Response::redirect("/login?tenant=" + req.param("tenant")).header("Set-Cookie", cleared);
  }
  return Response::redirect(redirect_url(answer.destination, logout_response_xml(answer),
                                         request.relay_state, p.idp.secret.value_or(""),
                                         "SAMLResponse"))
      .header("Set-Cookie", cleared);
}

// The IdP's LogoutResponse to our logout comes back here too; the local session ended before
// the browser left, so all that is left is the login page.
Response logout_get(db::Database& db, const Request& req) {
  if (req.query_param("SAMLRequest")) return idp_logout(db, req, false);
  auto sql = db.lease();
  load(*sql, req);  // an unknown tenant or provider is 404
  return Response::redirect("/login?tenant=" + req.param("tenant"));
}

}  // namespace

void add_routes(http::Router& router, db::Database& db) {
  using http::Access;
  kit::add_page_routes(
      router, db,
      {{"GET", "/sso/{tenant}/{idp}/saml/metadata", metadata, "SAML SP metadata", Access::kPublic},
       {"GET", "/sso/{tenant}/{idp}/saml/start", start, "SAML sign-in: AuthnRequest",
        Access::kPublic},
       {"GET", "/sso/{tenant}/{idp}/saml/logout", logout_get,
        "SAML single logout, HTTP-Redirect: the IdP's LogoutRequest or LogoutResponse",
        Access::kPublic}});
  // Runs after sso::add_pages has set the login hooks (app.cpp): SAML's logout goes first, and
  // every other session falls through to the hook that was there.
  auto previous = accounts::login_hooks();
  accounts::set_login_hooks(
      {previous.login_choices,
       [previous](db::Database& d, const std::string& token) -> std::optional<std::string> {
         if (auto to = saml_logout(d, token)) return to;
         return previous.after_logout ? previous.after_logout(d, token) : std::nullopt;
       }});
  // The IdP's POSTs arrive from its site with no CSRF token of ours; the signed, one-time
  // message is what vouches for them.
  router.add({"POST",
              "/sso/{tenant}/{idp}/saml/acs",
              Access::kPublic,
              [&db](http::Request& req) { return acs(db, req); },
              {"SAML Assertion Consumer Service", "web"},
              true});
  router.add({"POST",
              "/sso/{tenant}/{idp}/saml/logout",
              Access::kPublic,
              [&db](http::Request& req) { return idp_logout(db, req, true); },
              {"SAML single logout, HTTP-POST: the IdP's LogoutRequest", "web"},
              true});
}

}  // namespace sso::saml
