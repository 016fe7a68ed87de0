// Workflow maps through /api/v1: create, read and save the BPMN XML, metrics,
// versions, ideas and the as-is/redesign comparison.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "maps/map_input.hpp"
#include "maps/map_routes.hpp"
#include "maps/map_store.hpp"
#include "projects/project_access.hpp"

namespace maps {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;
using projects::require_right;

void register_schemas() {
  json id = {{"type", "string"}};
  http::register_schema(
      "MapInput",
      {{"type", "object"},
       {"required", {"kind", "title"}},
       {"properties",
        {{"kind", {{"enum", kMapKinds}}},
         {"title", {{"type", "string"}, {"maxLength", 200}}},
         {"copy_of", id},
         {"bpmn", {{"type", "string"}, {"description", "a BPMN 2.0 file to import"}}}}}});
  http::register_schema("Map", {{"type", "object"},
                                {"properties",
                                 {{"id", id},
                                  {"project_id", id},
                                  {"kind", {{"enum", kMapKinds}}},
                                  {"title", {{"type", "string"}}},
                                  {"based_on_map_id", {{"type", {"string", "null"}}}},
                                  {"version", {{"type", "integer"}}},
                                  {"metrics", {{"$ref", "#/components/schemas/MapMetrics"}}}}}});
  http::register_schema(
      "MapMetrics", {{"type", "object"},
                     {"description", "docs/maps-metrics.md defines every figure"},
                     {"properties",
                      {{"steps", {{"type", "integer"}}},
                       {"handovers", {{"type", "integer"}}},
                       {"it_systems", {{"type", "integer"}}},
                       {"it_system_names", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                       {"it_system_touches", {{"type", "integer"}}},
                       {"citizen_contacts", {{"type", "integer"}}},
                       {"decision_points", {{"type", "integer"}}},
                       {"waiting_minutes", {{"type", "integer"}}},
                       {"lead_time_minutes", {{"type", {"integer", "null"}}}},
                       {"loops", {{"type", "array"}}}}}});
  http::register_schema("MapVersion", {{"type", "object"},
                                       {"properties",
                                        {{"number", {{"type", "integer"}}},
                                         {"comment", {{"type", {"string", "null"}}}},
                                         {"created_by_name", {{"type", {"string", "null"}}}},
                                         {"created_at", {{"type", "string"}}},
                                         {"metrics", {{"type", "object"}}}}}});
  http::register_schema("IdeaInput", {{"type", "object"},
                                      {"required", {"kind", "text"}},
                                      {"properties",
                                       {{"kind", {{"enum", kIdeaKinds}}},
                                        {"text", {{"type", "string"}, {"maxLength", 1000}}},
                                        {"element_id", {{"type", {"string", "null"}}}}}}});
  http::register_schema("Idea", {{"type", "object"},
                                 {"properties",
                                  {{"id", id},
                                   {"kind", {{"enum", kIdeaKinds}}},
                                   {"text", {{"type", "string"}}},
                                   {"element_id", {{"type", {"string", "null"}}}},
                                   {"carried_from", {{"type", {"string", "null"}}}},
                                   {"created_by_name", {{"type", {"string", "null"}}}},
                                   {"created_at", {{"type", "string"}}}}}});
  http::register_schema("MapComparison",
                        {{"type", "object"},
                         {"properties",
                          {{"as_is", {{"type", {"object", "null"}}}},
                           {"redesign", {{"type", {"object", "null"}}}},
                           {"rows",
                            {{"type", "array"},
                             {"items",
                              {{"type", "object"},
                               {"properties",
                                {{"metric", {{"type", "string"}}},
                                 {"before", {{"type", {"integer", "null"}}}},
                                 {"after", {{"type", {"integer", "null"}}}},
                                 {"change", {{"type", {"integer", "null"}}}},
                                 {"relative_change", {{"type", {"number", "null"}}}}}}}}}}}}});
}

// Loads the map and checks the caller's right in its project; NotFound first.
MapInfo authorised(soci::session& sql, const Request& req, ProjectRight right) {
  auto m = MapStore(sql, req.who().tenant_id).get(req.param("id"));
  require_right(sql, req.who(), m.project_id, right);
  return m;
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  router.add({"GET",
              "/api/v1/projects/{id}/maps",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
                MapStore store(*sql, req.who().tenant_id);
                json items = json::array();
                for (const auto& m : store.list(req.param("id"))) {
                  json j = to_json(m);
                  j["metrics"] = store.metrics(m.id);
                  items.push_back(j);
                }
                return Response::json(200, http::page_in_order(req, items));
              },
              {"The project's workflow maps with their metrics", "maps", "", "Map", true}});
  router.add({"POST",
              "/api/v1/projects/{id}/maps",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                require_right(*sql, req.who(), req.param("id"), ProjectRight::kMap);
                auto input = core::Input::from_json_body(req.body);
                auto m = parse_new_map(input);
                input.check();
                MapStore store(*sql, req.who().tenant_id);
                auto created = store.create(&req.who(), req.param("id"), m,
                                            starting_xml(*sql, req, req.param("id"), m.title));
                json j = to_json(created);
                j["metrics"] = store.metrics(created.id);
                return Response::json(201, j);
              },
              {"New as-is map, a redesign (copies the newest as-is map and its ideas), or an "
               "imported .bpmn file",
               "maps", "MapInput", "Map", false, 201}});
  router.add({"GET",
              "/api/v1/maps/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = authorised(*sql, req, ProjectRight::kRead);
                json j = to_json(m);
                j["metrics"] = MapStore(*sql, req.who().tenant_id).metrics(m.id);
                return Response::json(200, j);
              },
              {"One map with the metrics of its current version", "maps", "", "Map"}});
  router.add({"GET",
              "/api/v1/maps/{id}/bpmn",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = authorised(*sql, req, ProjectRight::kRead);
                auto number = version_param(req);
                // Extension elements keep whatever an uploader put there, scripts
                // included: the file is only ever saved, never shown in our origin.
                auto r = Response::attachment("application/xml; charset=utf-8",
                                              MapStore(*sql, req.who().tenant_id).xml(m.id, number),
                                              "map-" + m.id + ".bpmn");
                r.header("ETag", "\"" + std::to_string(number.value_or(m.version)) + "\"");
                return r;
              },
              {"The BPMN 2.0 XML (with diagram interchange) of the current version or "
               "?version=N; the ETag is the version",
               "maps"}});
  router.add({"PUT",
              "/api/v1/maps/{id}/bpmn",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = authorised(*sql, req, ProjectRight::kMap);
                auto expected = http::optional_version(req);
                if (!expected)
                  throw core::ValidationError("version", "send If-Match with the version you read");
                auto comment = comment_param(req);
                MapStore store(*sql, req.who().tenant_id);
                auto saved = store.save(&req.who(), m.id, *expected, req.body, comment);
                json j = to_json(saved);
                j["metrics"] = store.metrics(saved.id);
                return Response::json(200, j).header("ETag",
                                                     "\"" + std::to_string(saved.version) + "\"");
              },
              {"Save a new version (body application/xml; needs If-Match; ?comment=…)", "maps", "",
               "Map"}});
  router.add(
      {"GET",
       "/api/v1/maps/{id}/metrics",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto m = authorised(*sql, req, ProjectRight::kRead);
         return Response::json(
             200, MapStore(*sql, req.who().tenant_id).metrics(m.id, version_param(req)));
       },
       {"Before/after metrics of the current version or ?version=N", "maps", "", "MapMetrics"}});
  router.add({"GET",
              "/api/v1/maps/{id}/versions",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = authorised(*sql, req, ProjectRight::kRead);
                return Response::json(
                    200,
                    http::page_in_order(req, MapStore(*sql, req.who().tenant_id).versions(m.id)));
              },
              {"Every saved version, newest first: who, when, comment, metrics", "maps", "",
               "MapVersion", true}});
  router.add({"POST",
              "/api/v1/maps/{id}/versions/{number}/restore",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = authorised(*sql, req, ProjectRight::kMap);
                MapStore store(*sql, req.who().tenant_id);
                long long number = 0;
                try {
                  number = std::stoll(req.param("number"));
                } catch (const std::exception&) {
                  throw core::NotFound("no such version");
                }
                auto xml = store.xml(m.id, number);
                auto body =
                    req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
                long long expected = http::required_version(req, body);
                auto saved = store.save(&req.who(), m.id, expected, xml,
                                        "restored version " + std::to_string(number));
                json j = to_json(saved);
                j["metrics"] = store.metrics(saved.id);
                return Response::json(200, j);
              },
              {"Restore an earlier version as a new version (needs the current version)", "maps",
               "", "Map"}});
  router.add(
      {"GET",
       "/api/v1/maps/{id}/ideas",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto m = authorised(*sql, req, ProjectRight::kRead);
         return Response::json(
             200, http::page_in_order(req, MapStore(*sql, req.who().tenant_id).ideas(m.id)));
       },
       {"Ideas of the map: pinned to a step or in the parking lot", "maps", "", "Idea", true}});
  router.add({"POST",
              "/api/v1/maps/{id}/ideas",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = authorised(*sql, req, ProjectRight::kMap);
                auto input = core::Input::from_json_body(req.body);
                auto idea = parse_idea(input);
                input.check();
                return Response::json(
                    201, MapStore(*sql, req.who().tenant_id).add_idea(&req.who(), m.id, idea));
              },
              {"Pin an idea to a step (element_id) or to the parking lot", "maps", "IdeaInput",
               "Idea", false, 201}});
  router.add({"GET",
              "/api/v1/projects/{id}/map-comparison",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
                return Response::json(
                    200, MapStore(*sql, req.who().tenant_id).comparison(req.param("id")));
              },
              {"The newest as-is map against the newest redesign: before, after, change", "maps",
               "", "MapComparison"}});
}

}  // namespace maps
