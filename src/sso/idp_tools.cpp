#include "sso/idp_tools.hpp"

#include <chrono>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "sso/idp_metadata_source.hpp"
#include "sso/idp_store.hpp"
#include "sso/sp_keys.hpp"

namespace sso {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kMaxDays = 3650;

IdentityProvider saml_provider(soci::session& sql, const std::string& tenant_id,
                               const std::string& id) {
  auto idp = IdpStore(sql, tenant_id).get(id);
  if (idp.kind != "saml") throw core::ValidationError("kind", "this is no SAML identity provider");
  return idp;
}

json refreshed(const MetadataSource& s) {
  return {{"refreshed", !s.last_error.has_value()}, {"metadata_source", to_json(s)}};
}

Response refresh_api(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto idp = saml_provider(*sql, req.who().tenant_id, req.param("id"));
  return Response::json(200,
                        refreshed(refresh_metadata(*sql, idp, std::chrono::system_clock::now())));
}

Response sp_keys_api(db::Database& db, const Request& req) {
  int days = saml::kSpKeyDays;
  if (!req.body.empty()) {
    auto in = core::Input::from_json_body(req.body);
    if (auto d = in.optional_int("days", 1, kMaxDays)) days = static_cast<int>(*d);
  }
  auto sql = db.lease();
  auto idp = rotate_sp_keys(*sql, &req.who(), req.who().tenant_id, req.param("id"), days);
  return Response::json(200, to_json(idp));
}

Response refresh_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto idp = saml_provider(*sql, req.who().tenant_id, req.param("id"));
  refresh_metadata(*sql, idp, std::chrono::system_clock::now());
  // The outcome (time read or error) is on the page itself.
  return Response::redirect("/settings/sso/" + idp.id + "?refreshed=1");
}

Response sp_keys_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto idp =
      rotate_sp_keys(*sql, &req.who(), req.who().tenant_id, req.param("id"), saml::kSpKeyDays);
  return Response::redirect("/settings/sso/" + idp.id + "?keys=1");
}

json sp_keys_schema() {
  return {{"type", "object"},
          {"properties",
           {{"days",
             {{"type", "integer"},
              {"minimum", 1},
              {"maximum", kMaxDays},
              {"description", "how long the certificate is valid (730 days when left out)"}}}}}};
}

json refresh_schema() {
  return {{"type", "object"},
          {"properties",
           {{"refreshed", {{"type", "boolean"}}}, {"metadata_source", metadata_source_schema()}}}};
}

}  // namespace

IdentityProvider rotate_sp_keys(soci::session& sql, const core::AuthContext* who,
                                const std::string& tenant_id, const std::string& idp_id, int days) {
  auto idp = saml_provider(sql, tenant_id, idp_id);
  // The common name only tells people which provider the certificate is for; IdPs trust the
  // certificate itself from the SP metadata.
  auto keys = saml::generate_sp_key_pair(("fremdrift SP " + idp.slug).substr(0, 64), days);
  idp.settings["sp_certificate"] = keys.certificate_pem;
  idp.secret = keys.private_key_pem;
  return IdpStore(sql, tenant_id).update(who, idp, idp.version);
}

void add_idp_tool_routes(http::Router& router, db::Database& db) {
  http::register_schema("SpKeysInput", sp_keys_schema());
  http::register_schema("MetadataRefresh", refresh_schema());
  const auto admin = Access::kAdmin;
  const std::string tag = "identity-providers";
  kit::add_routes(
      router, db,
      {{"POST",
        "/api/v1/identity-providers/{id}/metadata/refresh",
        admin,
        refresh_api,
        {"SAML: read the IdP's metadata from settings.idp_metadata_url now; a failure keeps the "
         "last good document and is reported (administrators)",
         tag, "", "MetadataRefresh"}},
       {"POST",
        "/api/v1/identity-providers/{id}/sp-keys",
        admin,
        sp_keys_api,
        {"SAML: a new SP key pair and self-signed certificate, published in the SP metadata at "
         "once; the private key never leaves the server (administrators)",
         tag, "SpKeysInput", "IdentityProvider"}}});
  kit::add_page_routes(router, db,
                       {{"POST", "/settings/sso/{id}/metadata/refresh", refresh_page,
                         "Read a SAML IdP's metadata from its address now", admin},
                        {"POST", "/settings/sso/{id}/sp-keys", sp_keys_page,
                         "Make a new SP key pair for a SAML provider", admin}});
}

}  // namespace sso
