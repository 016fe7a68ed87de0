// Tenant administrators configure their identity providers (D47); the secret is write-only.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/routes.hpp"
#include "sso/idp_metadata_source.hpp"
#include "sso/idp_store.hpp"
#include "sso/kind_settings.hpp"
#include "sso/sp_key_rollover.hpp"
#include "sso/sso_routes.hpp"

namespace sso {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

// The provider with where its SAML metadata comes from, when it has an address.
json with_source(soci::session& sql, const IdentityProvider& p) {
  auto out = to_json(p);
  out["metadata_source"] = nullptr;
  out["sp_key_rollover"] = p.kind == "saml"
                               ? to_json(sp_key_rollover(sql, p.tenant_id, p.id, core::now_iso()))
                               : nlohmann::json(nullptr);
  if (!metadata_url(p).empty()) {
    if (auto s = MetadataSourceStore(sql, p.tenant_id).get(p.id); s && s->url == metadata_url(p)) {
      out["metadata_source"] = to_json(*s);
    }
  }
  return out;
}

Response list_idps(db::Database& db, const Request& req) {
  auto sql = db.lease();
  json items = json::array();
  for (const auto& p : IdpStore(*sql, req.who().tenant_id).list())
    items.push_back(with_source(*sql, p));
  return Response::json(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response show_idp(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(
      200, with_source(*sql, IdpStore(*sql, req.who().tenant_id).get(req.param("id"))));
}

// A provider with a metadata address is fetched before it is saved (a wrong address is a
// 422), with no database session held meanwhile.
Response create_idp(db::Database& db, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto fresh = read_idp(input, IdentityProvider{}, true);
  check_kind_settings(fresh);
  auto fetched = fetch_before_save(fresh, std::nullopt);
  auto sql = db.lease();
  auto made = IdpStore(*sql, req.who().tenant_id).create(req.who(), fresh);
  keep_after_save(*sql, made, fetched);
  return Response::json(201, with_source(*sql, made));
}

Response update_idp(db::Database& db, const Request& req) {
  IdentityProvider stored;
  std::optional<MetadataSource> kept;
  {
    auto sql = db.lease();
    stored = IdpStore(*sql, req.who().tenant_id).get(req.param("id"));
    kept = MetadataSourceStore(*sql, stored.tenant_id).get(stored.id);
  }
  auto input = core::Input::from_json_body(req.body);
  long long version = http::required_version(req, input.raw());
  auto changed = read_idp(input, stored, false);
  check_kind_settings(changed);
  auto fetched = fetch_before_save(changed, kept);
  auto sql = db.lease();
  auto saved = IdpStore(*sql, req.who().tenant_id).update(req.who(), changed, version);
  keep_after_save(*sql, saved, fetched);
  return Response::json(200, with_source(*sql, saved));
}

Response remove_idp(IdpStore& store, const Request& req) {
  store.remove(req.who(), req.param("id"));
  return Response::no_content();
}

}  // namespace

void add_idp_routes(http::Router& router, db::Database& db) {
  auto schema = idp_schema();
  schema["properties"]["metadata_source"] = metadata_source_schema();
  schema["properties"]["sp_key_rollover"] = sp_key_rollover_schema();
  http::register_schema("IdentityProvider", schema);
  http::register_schema("IdentityProviderInput", idp_input_schema());
  const auto admin = Access::kAdmin;
  const std::string tag = "identity-providers";
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/identity-providers",
        admin,
        list_idps,
        {"The tenant's identity providers for single sign-on (administrators)", tag, "",
         "IdentityProvider", true}},
       {"POST",
        "/api/v1/identity-providers",
        admin,
        create_idp,
        {"Add an OpenID Connect or SAML identity provider (administrators)", tag,
         "IdentityProviderInput", "IdentityProvider", false, 201}},
       {"GET",
        "/api/v1/identity-providers/{id}",
        admin,
        show_idp,
        {"One identity provider; the secret only as has_secret (administrators)", tag, "",
         "IdentityProvider"}},
       {"PATCH",
        "/api/v1/identity-providers/{id}",
        admin,
        update_idp,
        {"Change an identity provider; version required, 409 when stale (administrators)", tag,
         "IdentityProviderInput", "IdentityProvider"}},
       {"DELETE",
        "/api/v1/identity-providers/{id}",
        admin,
        kit::with_store<IdpStore>(remove_idp),
        {"Remove an identity provider and its links to people (administrators)", tag, "", "", false,
         204}}});
}

}  // namespace sso
