#include "tenants/tenant_routes.hpp"

#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "tenants/tenant_store.hpp"

namespace tenants {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

void add_api_routes(http::Router& router, db::Database& db) {
  json zones = json::array();
  for (const auto& z : core::time_zones()) zones.push_back(std::string(z.name));
  const std::vector<std::string> locales = {"da", "sv", "en"};
  http::register_schema("Tenant", {{"type", "object"},
                                   {"properties",
                                    {{"id", {{"type", "string"}}},
                                     {"slug", {{"type", "string"}}},
                                     {"name", {{"type", "string"}}},
                                     {"kind", {{"enum", {"municipality", "umbrella"}}}},
                                     {"default_locale", {{"enum", locales}}},
                                     {"time_zone", {{"enum", zones}}},
                                     {"version", {{"type", "integer"}}},
                                     {"created_at", {{"type", "string"}}},
                                     {"updated_at", {{"type", "string"}}}}}});
  http::register_schema("TenantSettings", {{"type", "object"},
                                           {"properties",
                                            {{"name", {{"type", "string"}, {"maxLength", 200}}},
                                             {"default_locale", {{"enum", locales}}},
                                             {"time_zone", {{"enum", zones}}},
                                             {"version", {{"type", "integer"}}}}}});
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
       {"Your municipality or organisation: name, language, time zone", "tenant", "", "Tenant"}});
  router.add({"PATCH",
              "/api/v1/tenant",
              Access::kAdmin,
              [&db, zones, locales](Request& req) {
                auto input = core::Input::from_json_body(req.body);
                std::optional<std::string> name;
                if (input.has("name")) name = input.required_text("name", core::kNameMax);
                auto locale = input.optional_choice("default_locale", locales);
                auto zone =
                    input.optional_choice("time_zone", zones.get<std::vector<std::string>>());
                input.check();
                long long version = http::required_version(req, input.raw());
                auto sql = db.lease();
                return Response::json(200, to_json(TenantStore(*sql).update_settings(
                                               req.who(), version, name, locale, zone)));
              },
              {"Change the name, default language or time zone (administrators; needs the "
               "current version)",
               "tenant", "TenantSettings", "Tenant"}});
}

}  // namespace tenants
