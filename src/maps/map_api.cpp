// Workflow maps through /api/v1: a project-scoped resource on the kit (list, create, get),
// with the BPMN XML, metrics, versions and ideas of one map, and the as-is/redesign
// comparison of a project.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/resource.hpp"
#include "kit/routes.hpp"
#include "maps/map_input.hpp"
#include "maps/map_routes.hpp"
#include "maps/map_store.hpp"
#include "web/i18n.hpp"

namespace maps {
namespace {

using http::Access;
using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;
using projects::ProjectRight;

void register_schemas() {
  json integer = {{"type", "integer"}};
  json number_or_null = {{"type", {"integer", "null"}}};
  json text_or_null = {{"type", {"string", "null"}}};
  http::register_schema(
      "MapMetrics", {{"type", "object"},
                     {"description", "docs/maps-metrics.md defines every figure"},
                     {"properties",
                      {{"steps", integer},
                       {"handovers", integer},
                       {"it_systems", integer},
                       {"it_system_names", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                       {"it_system_touches", integer},
                       {"citizen_contacts", integer},
                       {"decision_points", integer},
                       {"waiting_minutes", integer},
                       {"lead_time_minutes", number_or_null},
                       {"loops", {{"type", "array"}}}}}});
  http::register_schema("MapVersion", {{"type", "object"},
                                       {"properties",
                                        {{"number", integer},
                                         {"comment", text_or_null},
                                         {"created_by_name", text_or_null},
                                         {"created_at", {{"type", "string"}}},
                                         {"metrics", {{"type", "object"}}}}}});
  http::register_schema("Idea", idea_fields().schema());
  http::register_schema("IdeaInput", idea_fields().input_schema());
  json row = {{"type", "object"},
              {"properties",
               {{"metric", {{"type", "string"}}},
                {"before", number_or_null},
                {"after", number_or_null},
                {"change", number_or_null},
                {"relative_change", {{"type", {"number", "null"}}}}}}};
  http::register_schema("MapComparison", {{"type", "object"},
                                          {"properties",
                                           {{"as_is", {{"type", {"object", "null"}}}},
                                            {"redesign", {{"type", {"object", "null"}}}},
                                            {"rows", {{"type", "array"}, {"items", row}}}}}});
}

Response map_json(int status, const MapInfo& m) {
  return Response::json(status, map_fields().to_json(m));
}

using Action = kit::ItemAction<MapInfo>;

Response read_bpmn(const MapInfo& m, const ProjectScope& scope, Request& req) {
  auto number = version_param(req);
  // Extension elements keep whatever an uploader put there, scripts included: the file
  // is only ever saved, never shown in our origin.
  auto r = Response::attachment("application/xml; charset=utf-8",
                                MapStore(scope.sql(), scope.tenant_id()).xml(m.id, number),
                                "map-" + m.id + ".bpmn");
  r.header("ETag", "\"" + std::to_string(number.value_or(m.version)) + "\"");
  return r;
}

Response save_bpmn(const MapInfo& m, const ProjectScope& scope, Request& req) {
  auto expected = http::optional_version(req);
  if (!expected) throw core::ValidationError("version", "send If-Match with the version you read");
  auto saved =
      MapStore(scope.sql(), scope.tenant_id())
          .save(&scope.who(), m.id, *expected, req.body, comment_param(req), save_mode_param(req));
  return map_json(200, saved).header("ETag", "\"" + std::to_string(saved.version) + "\"");
}

Response restore(const MapInfo& m, const ProjectScope& scope, Request& req) {
  auto body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
  long long expected = http::required_version(req, body);
  return map_json(200, MapStore(scope.sql(), scope.tenant_id())
                           .restore(&scope.who(), m.id, req.param("number"), expected));
}

Response add_idea(const MapInfo& m, const ProjectScope& scope, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto idea = parse_idea(input);
  return Response::json(
      201, MapStore(scope.sql(), scope.tenant_id()).add_idea(&scope.who(), m.id, idea));
}

std::vector<Action> map_actions() {
  return {
      {.name = "bpmn",
       .right = ProjectRight::kRead,
       .summary = "The BPMN 2.0 XML (with diagram interchange) of the current version or "
                  "?version=N; the ETag is the version",
       .run = read_bpmn,
       .method = "GET"},
      {.name = "bpmn",
       .right = ProjectRight::kMap,
       .summary = "Save a new version (body application/xml; needs If-Match; ?comment=…; "
                  "?merge=true applies the body to the stored version by id and keeps what "
                  "the stored version holds that the body's tool does not model)",
       .response_schema = "Map",
       .run = save_bpmn,
       .method = "PUT"},
      {.name = "metrics",
       .right = ProjectRight::kRead,
       .summary = "Before/after metrics of the current version or ?version=N",
       .response_schema = "MapMetrics",
       .run =
           [](const MapInfo& m, const ProjectScope& scope, Request& req) {
             return Response::json(
                 200, MapStore(scope.sql(), scope.tenant_id()).metrics(m.id, version_param(req)));
           },
       .method = "GET"},
      {.name = "versions/{number}/restore",
       .right = ProjectRight::kMap,
       .summary = "Restore an earlier version as a new version (needs the current version)",
       .response_schema = "Map",
       .run = restore},
      {.name = "ideas",
       .right = ProjectRight::kMap,
       .summary = "Pin an idea to a step (element_id) or to the parking lot",
       .request_schema = "IdeaInput",
       .response_schema = "Idea",
       .run = add_idea,
       .success_status = 201},
  };
}

// GET /api/v1/maps/{id}/<what>: a list about one map, paged in memory.
kit::Route map_list(const std::string& what, http::ApiDoc doc,
                    json (MapStore::*items)(const std::string&)) {
  return {"GET", "/api/v1/maps/{id}/" + what, Access::kAuthenticated,
          [items](db::Database& db, const Request& req) {
            auto sql = db.lease();
            auto [m, scope] = kit::load<MapInfo, MapStore>(*sql, req, req.param("id"));
            scope.require(ProjectRight::kRead);
            MapStore store(*sql, scope.tenant_id());
            return Response::json(200, http::page_in_order(req, (store.*items)(m.id)));
          },
          std::move(doc)};
}

Response comparison(const ProjectScope& scope, const Request&) {
  return Response::json(200,
                        MapStore(scope.sql(), scope.tenant_id()).comparison(scope.project().id));
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_api_routes(router, db,
                      kit::Resource<MapInfo, MapStore>{
                          .plural = "maps",
                          .schema = "Map",
                          .tag = "maps",
                          .noun = "map",
                          .fields = map_fields(),
                          .create_right = ProjectRight::kMap,
                          .cursor_key = "created_at",
                          .fresh =
                              [](const ProjectScope& scope) {
                                MapInfo m;
                                m.citizen_lane = web::t(scope.locale(), "map.citizen_lane");
                                return m;
                              },
                          .actions = map_actions()});
  kit::add_routes(router, db,
                  {map_list("versions",
                            {"Every saved version, newest first: who, when, comment, metrics",
                             "maps", "", "MapVersion", true},
                            &MapStore::versions),
                   map_list("ideas",
                            {"Ideas of the map: pinned to a step or in the parking lot", "maps", "",
                             "Idea", true},
                            &MapStore::ideas),
                   {"GET",
                    "/api/v1/projects/{id}/map-comparison",
                    Access::kAuthenticated,
                    projects::scoped(ProjectRight::kRead, comparison),
                    {"The newest as-is map against the newest redesign: before, after, change",
                     "maps", "", "MapComparison"}}});
}

}  // namespace maps
