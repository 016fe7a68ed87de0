#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "org/org_input.hpp"
#include "org/org_routes.hpp"

namespace org {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

void register_schemas() {
  json stamps = {{"id", {{"type", "string"}}},
                 {"version", {{"type", "integer"}}},
                 {"created_at", {{"type", "string"}, {"format", "date-time"}}},
                 {"updated_at", {{"type", "string"}, {"format", "date-time"}}}};
  json unit = {{"type", "object"},
               {"properties",
                {{"name", {{"type", "string"}, {"maxLength", 200}}},
                 {"kind", {{"enum", {"administration", "unit", "team"}}}},
                 {"parent_id", {{"type", {"string", "null"}}}},
                 {"manager_id", {{"type", {"string", "null"}}}}}}};
  http::register_schema("UnitInput", unit);
  unit["properties"].update(stamps);
  http::register_schema("Unit", unit);
  json person = {{"type", "object"},
                 {"properties",
                  {{"name", {{"type", "string"}, {"maxLength", 200}}},
                   {"email", {{"type", {"string", "null"}}, {"format", "email"}}},
                   {"title", {{"type", {"string", "null"}}}},
                   {"unit_id", {{"type", {"string", "null"}}}},
                   {"locale", {{"enum", {"da", "sv", "en", nullptr}}}},
                   {"active", {{"type", "boolean"}}}}}};
  http::register_schema("PersonInput", person);
  person["properties"].update(stamps);
  http::register_schema("Person", person);
  json person_ref = {{"$ref", "#/components/schemas/Person"}};
  json null_type = {{"type", "null"}};
  json manager = {{"oneOf", json::array({person_ref, null_type})}};
  http::register_schema("NearestManager",
                        {{"type", "object"}, {"properties", {{"manager", manager}}}});
}

Response with_etag(int status, const json& object) {
  return Response::json(status, object)
      .header("ETag", "\"" + std::to_string(object.at("version").get<long long>()) + "\"");
}

json nearest_body(PersonStore& people, const std::optional<std::string>& manager_id) {
  if (!manager_id) return {{"manager", nullptr}};
  return {{"manager", to_json(people.get(*manager_id))}};
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();

  router.add({"GET",
              "/api/v1/units",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto page = http::Page::from(req);
                auto sql = db.lease();
                json items = json::array();
                for (const auto& u :
                     UnitStore(*sql, req.who().tenant_id).page(page.after, page.limit))
                  items.push_back(to_json(u));
                return Response::json(200, http::page_body(std::move(items), page));
              },
              {"List units of the organisation tree", "organisation", "", "Unit", true}});
  router.add({"POST",
              "/api/v1/units",
              Access::kAdmin,
              [&db](Request& req) {
                auto input = core::Input::from_json_body(req.body);
                auto fields = parse_unit_fields(input, true);
                input.check();
                auto sql = db.lease();
                auto unit = UnitStore(*sql, req.who().tenant_id).create(&req.who(), fields);
                return with_etag(201, to_json(unit));
              },
              {"Create a unit", "organisation", "UnitInput", "Unit", false, 201}});
  router.add({"GET",
              "/api/v1/units/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                return with_etag(
                    200, to_json(UnitStore(*sql, req.who().tenant_id).get(req.param("id"))));
              },
              {"Read a unit", "organisation", "", "Unit"}});
  router.add({"PATCH",
              "/api/v1/units/{id}",
              Access::kAdmin,
              [&db](Request& req) {
                auto input = core::Input::from_json_body(req.body);
                auto fields = parse_unit_fields(input, false);
                input.check();
                long long version = http::required_version(req, input.raw());
                auto sql = db.lease();
                auto unit = UnitStore(*sql, req.who().tenant_id)
                                .update(&req.who(), req.param("id"), version, fields);
                return with_etag(200, to_json(unit));
              },
              {"Rename, move (parent_id) or set the manager of a unit", "organisation", "UnitInput",
               "Unit"}});
  router.add({"DELETE",
              "/api/v1/units/{id}",
              Access::kAdmin,
              [&db](Request& req) {
                auto sql = db.lease();
                UnitStore(*sql, req.who().tenant_id)
                    .remove(&req.who(), req.param("id"), http::optional_version(req));
                return Response::no_content();
              },
              {"Delete an empty unit", "organisation", "", "", false, 204}});
  router.add({"GET",
              "/api/v1/units/{id}/nearest-manager",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                const auto& tenant = req.who().tenant_id;
                UnitStore units(*sql, tenant);
                PersonStore people(*sql, tenant);
                units.get(req.param("id"));
                auto manager = nearest_manager_of_unit(units.all(), req.param("id"));
                return Response::json(200, nearest_body(people, manager));
              },
              {"The manager of a unit or of its nearest managed ancestor", "organisation", "",
               "NearestManager"}});

  router.add({"GET",
              "/api/v1/people",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto page = http::Page::from(req);
                auto unit = req.query_param("unit_id").value_or("");
                auto sql = db.lease();
                json items = json::array();
                for (const auto& p :
                     PersonStore(*sql, req.who().tenant_id).page(page.after, page.limit, unit))
                  items.push_back(to_json(p));
                return Response::json(200, http::page_body(std::move(items), page));
              },
              {"List people (filter with ?unit_id=)", "organisation", "", "Person", true}});
  router.add({"POST",
              "/api/v1/people",
              Access::kAdmin,
              [&db](Request& req) {
                auto input = core::Input::from_json_body(req.body);
                auto fields = parse_person_fields(input, true);
                input.check();
                auto sql = db.lease();
                auto person = PersonStore(*sql, req.who().tenant_id).create(&req.who(), fields);
                return with_etag(201, to_json(person));
              },
              {"Add a person", "organisation", "PersonInput", "Person", false, 201}});
  router.add({"GET",
              "/api/v1/people/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                return with_etag(
                    200, to_json(PersonStore(*sql, req.who().tenant_id).get(req.param("id"))));
              },
              {"Read a person", "organisation", "", "Person"}});
  router.add({"PATCH",
              "/api/v1/people/{id}",
              Access::kAdmin,
              [&db](Request& req) {
                auto input = core::Input::from_json_body(req.body);
                auto fields = parse_person_fields(input, false);
                input.check();
                long long version = http::required_version(req, input.raw());
                auto sql = db.lease();
                auto person = PersonStore(*sql, req.who().tenant_id)
                                  .update(&req.who(), req.param("id"), version, fields);
                return with_etag(200, to_json(person));
              },
              {"Change a person", "organisation", "PersonInput", "Person"}});
  router.add({"DELETE",
              "/api/v1/people/{id}",
              Access::kAdmin,
              [&db](Request& req) {
                auto sql = db.lease();
                PersonStore(*sql, req.who().tenant_id)
                    .remove(&req.who(), req.param("id"), http::optional_version(req));
                return Response::no_content();
              },
              {"Delete a person who manages nothing and has no login", "organisation", "", "",
               false, 204}});
  router.add({"GET",
              "/api/v1/people/{id}/nearest-manager",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                const auto& tenant = req.who().tenant_id;
                PersonStore people(*sql, tenant);
                auto person = people.get(req.param("id"));
                auto manager = nearest_manager_of_person(UnitStore(*sql, tenant).all(), person);
                return Response::json(200, nearest_body(people, manager));
              },
              {"The person's nearest manager by the organisation tree", "organisation", "",
               "NearestManager"}});
}

}  // namespace org
