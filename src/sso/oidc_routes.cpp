// The OpenID Connect sign-in (D47, D48): /sso/{tenant}/{idp}/start sends the browser to the
// provider, /sso/callback comes back with the code; the login page's buttons and the logout at
// the provider are hooked into accounts.
#include <spdlog/spdlog.h>

#include "accounts/login_hooks.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "kit/pages.hpp"
#include "sso/idp_store.hpp"
#include "sso/oidc_flow.hpp"
#include "sso/sso_routes.hpp"
#include "web/i18n.hpp"
#include "web/public_url.hpp"

namespace sso {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

// The address the provider sends the browser back to; registered there as the redirect URI.
std::string redirect_uri() {
  if (web::public_url().empty())
    throw core::Unavailable("single sign-on needs the public address (serve --public-url)",
                            "sso_no_public_url");
  return web::public_url() + "/sso/callback";
}

Response start(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto tenant = tenant_of_slug(*sql, req.param("tenant"));
  if (!tenant) throw core::NotFound("no such tenant");
  auto idp = IdpStore(*sql, *tenant).by_slug(req.param("idp"));
  if (!idp || !idp->enabled) throw core::NotFound("no such identity provider");
  if (idp->kind == "saml") return Response::redirect(start_path(req.param("tenant"), *idp));
  auto next = req.query_param("next").value_or("");
  if (!core::is_local_path(next)) next.clear();
  return Response::redirect(begin_sign_in(*sql, *idp, redirect_uri(), next));
}

Response callback(db::Database& db, const Request& req) {
  if (auto error = req.query_param("error")) {
    // The person cancelled, or the provider refused them: its words go to the log only.
    spdlog::info("OIDC provider answered {}: {}", *error,
                 req.query_param("error_description").value_or(""));
    throw core::Forbidden(core::Message{"err.sso_failed"}, "sso_failed");
  }
  auto sql = db.lease();
  auto done =
      finish_sign_in(*sql, req.query_param("state").value_or(""),
                     req.query_param("code").value_or(""), req.query_param("iss"), redirect_uri());
  return Response::redirect(done.next.empty() ? "/overview" : done.next)
      .header("Set-Cookie", accounts::session_cookie(done.login.session.token, req.secure));
}

json login_choices(db::Database& db, const std::string& tenant_slug, const std::string& locale) {
  json out = json::array();
  auto sql = db.lease();
  auto tenant = tenant_of_slug(*sql, tenant_slug);
  if (!tenant) return out;
  for (const auto& idp : IdpStore(*sql, *tenant).enabled()) {
    out.push_back(
        {{"label", web::render_message(
                       locale, core::Message{"sso_login_with", {{"name", idp.display_name}}})},
         {"href", start_path(tenant_slug, idp)}});
  }
  return out;
}

std::optional<std::string> after_logout(db::Database& db, const std::string& token) {
  if (web::public_url().empty()) return std::nullopt;
  auto sql = db.lease();
  return provider_logout_url(*sql, token, web::public_url() + "/login");
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  accounts::set_login_hooks({login_choices, after_logout});
  kit::add_page_routes(router, db,
                       {{"GET", "/sso/{tenant}/{idp}/start", start,
                         "Single sign-on: to the tenant's identity provider", Access::kPublic},
                        {"GET", "/sso/callback", callback,
                         "Single sign-on: back from an OpenID Connect provider", Access::kPublic}});
  add_settings_pages(router, db);
}

}  // namespace sso
