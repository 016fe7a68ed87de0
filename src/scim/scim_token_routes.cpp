// The tenant's SCIM token for administrators: made (shown once), looked at, revoked.
#include "core/errors.hpp"
#include "http/openapi.hpp"
#include "scim/scim_routes.hpp"
#include "scim/scim_store.hpp"

namespace scim {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json token_state(TokenStore& store) {
  auto created = store.created_at();
  return {{"active", created.has_value()},
          {"created_at", created ? json(*created) : json()},
          {"base_url", base_url()}};
}

}  // namespace

void add_token_routes(http::Router& router, db::Database& db) {
  http::register_schema(
      "ScimToken",
      {{"type", "object"},
       {"required", json::array({"active", "created_at", "base_url"})},
       {"properties",
        {{"active", {{"type", "boolean"}}},
         {"created_at", {{"type", {"string", "null"}}}},
         {"base_url", {{"type", "string"}, {"description", "The SCIM service's base address"}}},
         {"token",
          {{"type", "string"},
           {"description", "Only in the answer to the POST that made it; never shown again"}}}}}});
  router.add({"GET",
              "/api/v1/tenant/scim-token",
              Access::kAdmin,
              [&db](Request& req) {
                auto sql = db.lease();
                TokenStore store(*sql, req.who().tenant_id);
                return Response::json(200, token_state(store));
              },
              {"Whether the tenant has a SCIM token, since when, and the SCIM base address "
               "(administrators)",
               "tenant", "", "ScimToken"}});
  router.add({"POST",
              "/api/v1/tenant/scim-token",
              Access::kAdmin,
              [&db](Request& req) {
                auto sql = db.lease();
                TokenStore store(*sql, req.who().tenant_id);
                std::string token = store.create(req.who());
                json body = token_state(store);
                body["token"] = token;
                return Response::json(201, body);
              },
              {"Make a new SCIM token for the identity provider, replacing the old one; the token "
               "is shown in this answer only (administrators)",
               "tenant", "", "ScimToken", false, 201}});
  router.add({"DELETE",
              "/api/v1/tenant/scim-token",
              Access::kAdmin,
              [&db](Request& req) {
                auto sql = db.lease();
                TokenStore(*sql, req.who().tenant_id).revoke(req.who());
                return Response::no_content();
              },
              {"Revoke the SCIM token; provisioning stops at once (administrators)", "tenant", "",
               "", false, 204}});
}

}  // namespace scim
