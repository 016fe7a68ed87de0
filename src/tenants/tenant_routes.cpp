#include "tenants/tenant_routes.hpp"

#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "tenants/tenant_store.hpp"

namespace tenants {

using http::Access;
using http::Request;
using http::Response;

void add_api_routes(http::Router& router, db::Database& db) {
  http::register_schema("Tenant", tenant_fields().schema());
  // Every setting may be left out of a change.
  auto settings = tenant_fields().input_schema();
  settings.erase("required");
  http::register_schema("TenantSettings", settings);
  router.add(
      {"GET",
       "/api/v1/tenant",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto t = TenantStore(*sql).find(req.who().tenant_id);
         if (!t) throw core::NotFound("no such tenant");
         return Response::json(200, to_json(*t));
       },
       {"Your municipality or organisation: name, language, time zone, hour price, discount rate",
        "tenant", "", "Tenant"}});
  router.add({"PATCH",
              "/api/v1/tenant",
              Access::kAdmin,
              [&db](Request& req) {
                auto input = core::Input::from_json_body(req.body);
                auto sql = db.lease();
                TenantStore store(*sql);
                auto current = store.find(req.who().tenant_id);
                if (!current) throw core::NotFound("no such tenant");
                Tenant changed = tenant_fields().apply(input, *current);
                long long version = http::required_version(req, input.raw());
                return Response::json(200,
                                      to_json(store.update_settings(req.who(), version, changed)));
              },
              {"Change the name, default language, time zone, hour price, discount rate or risk "
               "bands (administrators; needs the current version)",
               "tenant", "TenantSettings", "Tenant"}});
}

}  // namespace tenants
