#include "sso/idp_tools.hpp"

#include <chrono>
#include <cstdlib>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "sso/idp_metadata_source.hpp"
#include "sso/idp_store.hpp"
#include "sso/sp_key_rollover.hpp"
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

// The provider after a rollover step, with the rollover as it now stands (no key in it).
json rolled(soci::session& sql, const IdentityProvider& idp) {
  auto out = to_json(idp);
  out["sp_key_rollover"] = to_json(sp_key_rollover(sql, idp.tenant_id, idp.id, core::now_iso()));
  return out;
}

Response next_key_api(db::Database& db, const Request& req) {
  auto in = core::Input::from_json_body(req.body.empty() ? "{}" : req.body);
  long long version = http::required_version(req, in.raw());
  int days = static_cast<int>(in.optional_int("days", 1, kMaxDays).value_or(saml::kSpKeyDays));
  auto sql = db.lease();
  auto idp =
      prepare_next_sp_key(*sql, &req.who(), req.who().tenant_id, req.param("id"), days, version);
  return Response::json(200, rolled(*sql, idp));
}

Response switch_key_api(db::Database& db, const Request& req) {
  auto in = core::Input::from_json_body(req.body.empty() ? "{}" : req.body);
  long long version = http::required_version(req, in.raw());
  int grace =
      static_cast<int>(in.optional_int("grace_days", 0, kMaxDays).value_or(kSpKeyGraceDays));
  auto sql = db.lease();
  auto idp = switch_sp_key(*sql, &req.who(), req.who().tenant_id, req.param("id"), grace, version);
  return Response::json(200, rolled(*sql, idp));
}

Response retire_key_api(db::Database& db, const Request& req) {
  auto in = core::Input::from_json_body(req.body.empty() ? "{}" : req.body);
  long long version = http::required_version(req, in.raw());
  auto sql = db.lease();
  auto idp =
      retire_previous_sp_key(*sql, &req.who(), req.who().tenant_id, req.param("id"), version);
  return Response::json(200, rolled(*sql, idp));
}

// The page's three buttons: the form carries the version the page was shown with.
template <typename Step>
Response key_step_page(db::Database& db, const Request& req, const char* done, Step step) {
  auto form = req.form();
  long long version = std::atoll(form["version"].c_str());
  auto sql = db.lease();
  auto idp = step(*sql, version);
  return Response::redirect("/settings/sso/" + idp.id + "?keys=" + done);
}

Response next_key_page(db::Database& db, const Request& req) {
  return key_step_page(db, req, "next", [&](soci::session& sql, long long v) {
    return prepare_next_sp_key(sql, &req.who(), req.who().tenant_id, req.param("id"),
                               saml::kSpKeyDays, v);
  });
}

Response switch_key_page(db::Database& db, const Request& req) {
  return key_step_page(db, req, "switched", [&](soci::session& sql, long long v) {
    return switch_sp_key(sql, &req.who(), req.who().tenant_id, req.param("id"), kSpKeyGraceDays, v);
  });
}

Response retire_key_page(db::Database& db, const Request& req) {
  return key_step_page(db, req, "retired", [&](soci::session& sql, long long v) {
    return retire_previous_sp_key(sql, &req.who(), req.who().tenant_id, req.param("id"), v);
  });
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

json key_step_schema(const char* field, const char* about) {
  json props = {{"version",
                 {{"type", "integer"}, {"description", "the provider's version; 409 when stale"}}}};
  if (field != nullptr)
    props[field] = {
        {"type", "integer"}, {"minimum", 0}, {"maximum", kMaxDays}, {"description", about}};
  return {{"type", "object"}, {"required", {"version"}}, {"properties", props}};
}

json rolled_schema() {
  auto s = idp_schema();
  s["properties"]["sp_key_rollover"] = sp_key_rollover_schema();
  return s;
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
  http::register_schema("SpKeyNextInput",
                        key_step_schema("days", "how long the next certificate is valid (730)"));
  http::register_schema("SpKeySwitchInput",
                        key_step_schema("grace_days",
                                        "days the old key still decrypts and is published (30; 0: "
                                        "until retired)"));
  http::register_schema("SpKeyRetireInput", key_step_schema(nullptr, nullptr));
  http::register_schema("SpKeyRollover", rolled_schema());
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
         tag, "SpKeysInput", "IdentityProvider"}},
       {"POST",
        "/api/v1/identity-providers/{id}/sp-keys/next",
        admin,
        next_key_api,
        {"SAML key rollover, step 1: a next SP key pair whose certificate the SP metadata "
         "publishes beside the current one; requests are still signed with the current key, "
         "assertions encrypted to either are decrypted (administrators; 409 when stale)",
         tag, "SpKeyNextInput", "SpKeyRollover"}},
       {"POST",
        "/api/v1/identity-providers/{id}/sp-keys/switch",
        admin,
        switch_key_api,
        {"SAML key rollover, step 2: sign with the next key; the old one stays published and "
         "decrypting for grace_days or until retired (administrators; 409 when stale)",
         tag, "SpKeySwitchInput", "SpKeyRollover"}},
       {"POST",
        "/api/v1/identity-providers/{id}/sp-keys/retire",
        admin,
        retire_key_api,
        {"SAML key rollover, last step: the old SP key is unpublished and decrypts no more "
         "(administrators; 409 when stale)",
         tag, "SpKeyRetireInput", "SpKeyRollover"}}});
  kit::add_page_routes(router, db,
                       {{"POST", "/settings/sso/{id}/metadata/refresh", refresh_page,
                         "Read a SAML IdP's metadata from its address now", admin},
                        {"POST", "/settings/sso/{id}/sp-keys", sp_keys_page,
                         "Make a new SP key pair for a SAML provider", admin},
                        {"POST", "/settings/sso/{id}/sp-keys/next", next_key_page,
                         "Prepare the next SP key of a SAML provider", admin},
                        {"POST", "/settings/sso/{id}/sp-keys/switch", switch_key_page,
                         "Sign with the next SP key of a SAML provider", admin},
                        {"POST", "/settings/sso/{id}/sp-keys/retire", retire_key_page,
                         "Retire the old SP key of a SAML provider", admin}});
}

}  // namespace sso
