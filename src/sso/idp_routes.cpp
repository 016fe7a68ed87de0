// Tenant administrators configure their identity providers (D47); the secret is write-only.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/routes.hpp"
#include "sso/idp_store.hpp"
#include "sso/kind_settings.hpp"
#include "sso/sso_routes.hpp"

namespace sso {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

Response list_idps(IdpStore& store, const Request& /*req*/) {
  json items = json::array();
  for (const auto& p : store.list()) items.push_back(to_json(p));
  return Response::json(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response show_idp(IdpStore& store, const Request& req) {
  return Response::json(200, to_json(store.get(req.param("id"))));
}

Response create_idp(IdpStore& store, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto fresh = read_idp(input, IdentityProvider{}, true);
  check_kind_settings(fresh);
  return Response::json(201, to_json(store.create(req.who(), fresh)));
}

Response update_idp(IdpStore& store, const Request& req) {
  auto stored = store.get(req.param("id"));
  auto input = core::Input::from_json_body(req.body);
  long long version = http::required_version(req, input.raw());
  auto changed = read_idp(input, stored, false);
  check_kind_settings(changed);
  return Response::json(200, to_json(store.update(req.who(), changed, version)));
}

Response remove_idp(IdpStore& store, const Request& req) {
  store.remove(req.who(), req.param("id"));
  return Response::no_content();
}

}  // namespace

void add_idp_routes(http::Router& router, db::Database& db) {
  http::register_schema("IdentityProvider", idp_schema());
  http::register_schema("IdentityProviderInput", idp_input_schema());
  const auto admin = Access::kAdmin;
  const std::string tag = "identity-providers";
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/identity-providers",
        admin,
        kit::with_store<IdpStore>(list_idps),
        {"The tenant's identity providers for single sign-on (administrators)", tag, "",
         "IdentityProvider", true}},
       {"POST",
        "/api/v1/identity-providers",
        admin,
        kit::with_store<IdpStore>(create_idp),
        {"Add an OpenID Connect or SAML identity provider (administrators)", tag,
         "IdentityProviderInput", "IdentityProvider", false, 201}},
       {"GET",
        "/api/v1/identity-providers/{id}",
        admin,
        kit::with_store<IdpStore>(show_idp),
        {"One identity provider; the secret only as has_secret (administrators)", tag, "",
         "IdentityProvider"}},
       {"PATCH",
        "/api/v1/identity-providers/{id}",
        admin,
        kit::with_store<IdpStore>(update_idp),
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
