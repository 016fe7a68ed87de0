// The action plan as JSON API: rows, suggestions from redesign maps, my actions, the
// CSV and XLSX exports and the CSV import.
#include <algorithm>

#include "actions/action_routes.hpp"
#include "actions/action_store.hpp"
#include "actions/action_view.hpp"
#include "core/errors.hpp"
#include "core/imports.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "core/xlsx_writer.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "projects/project_access.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"

namespace actions {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kCsvType = "text/csv; charset=utf-8";

void register_schemas() {
  json text = {{"type", "string"}};
  json nullable = {{"type", {"string", "null"}}};
  json input = {{"type", "object"},
                {"required", {"task"}},
                {"properties",
                 {{"task", {{"type", "string"}, {"maxLength", kTaskMax}}},
                  {"responsible_id", nullable},
                  {"effect", nullable},
                  {"how", nullable},
                  {"deadline", {{"type", {"string", "null"}}, {"format", "date"}}},
                  {"status", {{"enum", kStatuses}}},
                  {"kpi_id", nullable},
                  {"from_suggestion",
                   {{"type", "object"},
                    {"description",
                     "instead of the fields: turn a redesign step's before-go-live note into a "
                     "row (origin map_note)"},
                    {"required", {"map_id", "element_id"}},
                    {"properties", {{"map_id", text}, {"element_id", text}}}}}}}};
  http::register_schema("ActionInput", input);
  json patch = input;
  patch.erase("required");
  patch["properties"].erase("from_suggestion");
  patch["properties"]["version"] = {{"type", "integer"}};
  http::register_schema("ActionPatch", patch);
  json action = patch;
  for (const char* k : {"id", "project_id", "created_at", "updated_at", "project_title"})
    action["properties"][k] = text;
  action["properties"]["origin"] = {{"enum", kOrigins}};
  action["properties"]["map_id"] = nullable;
  action["properties"]["element_id"] = nullable;
  action["properties"]["kpi_name"] = {
      {"type", {"string", "null"}},
      {"description", "the name of the KPI kpi_id names (null when it names none)"}};
  action["properties"]["overdue"] = {
      {"type", "boolean"},
      {"description", "deadline before today and status neither done nor dropped"}};
  action["properties"]["responsible"] = {
      {"type", {"object", "null"}},
      {"properties",
       {{"id", text}, {"name", nullable}, {"unit_id", nullable}, {"unit_name", nullable}}}};
  http::register_schema("Action", action);
  http::register_schema("ActionSuggestion", {{"type", "object"},
                                             {"properties",
                                              {{"map_id", text},
                                               {"map_title", text},
                                               {"element_id", text},
                                               {"step_name", text},
                                               {"note", text}}}});
  http::register_schema("ActionImportReport",
                        http::import_report_schema({{"id", nullable}, {"task", text}}));
}

json list_body(const Request& req, const std::vector<Action>& rows) {
  std::string today = req.who().today();
  json items = json::array();
  for (const auto& a : rows) items.push_back(to_json(a, today));
  return http::page_in_order(req, std::move(items));
}

// The row in the caller's tenant and the right on its project; NotFound first.
Action load(soci::session& sql, const Request& req, ProjectRight right) {
  auto a = ActionStore(sql, req.who().tenant_id).get(req.param("id"));
  projects::require_right(sql, req.who(), a.project_id, right);
  return a;
}

std::string file_name(const std::string& project_id, const std::string& extension) {
  return "action-plan-" + project_id + "-" + core::now_iso().substr(0, 10) + "." + extension;
}

json report(const std::vector<ImportRow>& rows, bool dry_run, bool imported) {
  json body = core::import_report(rows, [](const ImportRow& r) { return to_json(r); });
  body["dry_run"] = dry_run;
  body["imported"] = imported;
  return body;
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  router.add({"GET",
              "/api/v1/projects/{id}/actions",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto rows = ActionStore(*sql, req.who().tenant_id).of_project(req.param("id"));
                auto query = parse_query(req.query);
                return Response::json(200, list_body(req, select(rows, query, req.who().today())));
              },
              {"The project's action plan (?status=&responsible_id=&overdue=true&sort=deadline|"
               "status|responsible|created)",
               "actions", "", "Action", true}});
  router.add({"POST",
              "/api/v1/projects/{id}/actions",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
                auto input = core::Input::from_json_body(req.body);
                ActionStore store(*sql, req.who().tenant_id);
                Action created;
                if (input.has("from_suggestion")) {
                  const auto& s = input.raw()["from_suggestion"];
                  if (!s.is_object() || !s.contains("map_id") || !s["map_id"].is_string() ||
                      !s.contains("element_id") || !s["element_id"].is_string()) {
                    throw core::ValidationError("from_suggestion", "needs map_id and element_id");
                  }
                  created =
                      store.accept(&req.who(), req.param("id"), s["map_id"].get<std::string>(),
                                   s["element_id"].get<std::string>());
                } else {
                  auto fields = parse_action(input, true);
                  input.check();
                  created = store.create(&req.who(), req.param("id"), fields);
                }
                return Response::json(201, to_json(created, req.who().today()))
                    .header("Location", "/api/v1/actions/" + created.id);
              },
              {"Add a row to the action plan, or accept a suggestion with {\"from_suggestion\": "
               "{map_id, element_id}}",
               "actions", "ActionInput", "Action", false, 201}});
  router.add({"GET",
              "/api/v1/projects/{id}/action-suggestions",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                json items = json::array();
                for (const auto& s :
                     ActionStore(*sql, req.who().tenant_id).suggestions(req.param("id")))
                  items.push_back(to_json(s));
                return Response::json(200, http::page_in_order(req, items));
              },
              {"Before-go-live notes of the project's redesign maps not yet in the plan", "actions",
               "", "ActionSuggestion", true}});
  router.add({"GET",
              "/api/v1/projects/{id}/actions.csv",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto rows = ActionStore(*sql, req.who().tenant_id).of_project(req.param("id"));
                rows = select(rows, parse_query(req.query), req.who().today());
                return Response::attachment(kCsvType, core::to_csv(export_table(rows, req.locale)),
                                            file_name(req.param("id"), "csv"));
              },
              {"The action plan as CSV (UTF-8 with BOM, ';'); takes the list's filters", "actions",
               "", "", false, 200, kCsvType}});
  router.add({"GET",
              "/api/v1/projects/{id}/actions.xlsx",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto rows = ActionStore(*sql, req.who().tenant_id).of_project(req.param("id"));
                rows = select(rows, parse_query(req.query), req.who().today());
                return Response::attachment(
                    kXlsxType,
                    core::to_xlsx(export_table(rows, req.locale),
                                  web::t(req.locale, "action.sheet"), kDateColumns),
                    file_name(req.param("id"), "xlsx"));
              },
              {"The action plan as an Excel workbook", "actions", "", "", false, 200, kXlsxType}});
  router.add({"POST",
              "/api/v1/projects/{id}/actions/import",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
                auto flag = req.query_param("dry_run").value_or("false");
                if (flag != "true" && flag != "false" && flag != "1" && flag != "0")
                  throw core::ValidationError("dry_run", "must be true or false");
                bool dry_run = flag == "true" || flag == "1";
                core::ImportSlot slot;
                ActionStore store(*sql, req.who().tenant_id);
                auto rows = store.plan_import(req.param("id"), req.body, import_vocabulary());
                bool failed = std::any_of(rows.begin(), rows.end(),
                                          [](const ImportRow& r) { return r.action == "error"; });
                if (dry_run) return Response::json(200, report(rows, true, false));
                if (failed) {
                  json body = report(rows, false, false);
                  body["error"] = {{"code", "import_failed"},
                                   {"message", "some rows have errors; nothing was imported"},
                                   {"fields", json::object()}};
                  return Response::json(422, body);
                }
                store.apply_import(&req.who(), req.param("id"), rows);
                return Response::json(200, report(rows, false, true));
              },
              {"Import rows from CSV (text/csv, the export's columns, ';' or ','): ?dry_run=true "
               "reports per row and stores nothing; a real import is all-or-nothing (422 with the "
               "report)",
               "actions", "", "ActionImportReport"}});
  router.add({"GET",
              "/api/v1/actions/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                return Response::json(
                    200, to_json(load(*sql, req, ProjectRight::kRead), req.who().today()));
              },
              {"One row of an action plan", "actions", "", "Action"}});
  router.add(
      {"PATCH",
       "/api/v1/actions/{id}",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto a = load(*sql, req, ProjectRight::kEdit);
         auto input = core::Input::from_json_body(req.body);
         auto fields = parse_action(input, false);
         input.check();
         long long version = http::required_version(req, input.raw());
         auto after =
             ActionStore(*sql, req.who().tenant_id).update(&req.who(), a.id, version, fields);
         return Response::json(200, to_json(after, req.who().today()));
       },
       {"Change a row: status, deadline, responsible… (needs the current version; 409 "
        "with the current row)",
        "actions", "ActionPatch", "Action"}});
  router.add({"DELETE",
              "/api/v1/actions/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto a = load(*sql, req, ProjectRight::kEdit);
                ActionStore(*sql, req.who().tenant_id).remove(&req.who(), a.id);
                return Response::no_content();
              },
              {"Remove a row from the action plan", "actions", "", "", false, 204}});
  router.add({"GET",
              "/api/v1/my-actions",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto query = parse_query(req.query);
                std::vector<Action> rows;
                if (!req.who().person_id.empty())
                  rows = ActionStore(*sql, req.who().tenant_id).of_person(req.who().person_id);
                return Response::json(200, list_body(req, select(rows, query, req.who().today())));
              },
              {"The caller's rows across the tenant's action plans (same filters as a project's "
               "list)",
               "actions", "", "Action", true}});
}

}  // namespace actions
