// The action plan as JSON API: the rows as a resource declared on the kit (the list
// filtered and sorted as asked; a create may accept a suggestion instead), suggestions from
// redesign maps, my actions, the CSV and XLSX exports and the CSV import.
#include <algorithm>
#include <functional>

#include "actions/action_routes.hpp"
#include "actions/action_store.hpp"
#include "actions/action_view.hpp"
#include "core/errors.hpp"
#include "core/imports.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/ordered_list.hpp"
#include "http/paging.hpp"
#include "kit/exports.hpp"
#include "kit/resource.hpp"
#include "kit/routes.hpp"
#include "kit/scope.hpp"
#include "web/i18n.hpp"

namespace actions {
namespace {

using http::Access;
using http::Request;
using http::Response;
using kit::ProjectRight;
using kit::ProjectScope;
using nlohmann::json;

// The schemas the field table does not give; ActionInput gains from_suggestion.
void register_schemas() {
  json text = {{"type", "string"}};
  json input = action_fields().input_schema();
  input["properties"]["from_suggestion"] = {
      {"type", "object"},
      {"description",
       "on a create, instead of the fields: turn a redesign step's before-go-live note "
       "into a row (origin map_note)"},
      {"required", {"map_id", "element_id"}},
      {"properties", {{"map_id", text}, {"element_id", text}}}};
  http::register_schema("ActionInput", input);
  http::register_schema("ActionSuggestion", {{"type", "object"},
                                             {"properties",
                                              {{"map_id", text},
                                               {"map_title", text},
                                               {"element_id", text},
                                               {"step_name", text},
                                               {"note", text}}}});
  http::register_schema(
      "ActionImportReport",
      http::import_report_schema({{"id", {{"type", {"string", "null"}}}}, {"task", text}}));
}

// The project's rows as the query asks: filtered and sorted (422 naming a bad filter).
std::vector<Action> plan_in_order(const ProjectScope& scope, const Request& req) {
  auto rows = ActionStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
  return select(std::move(rows), parse_query(req.query), req.who().today());
}

// One page of the plan (or the caller's rows), filtered and sorted in SQL (422 naming a bad
// filter or cursor).
Response keyed_page(const Request& req,
                    const std::function<std::vector<ActionStore::Keyed>(const ActionQuery&,
                                                                        const http::Page&)>& read) {
  auto query = parse_query(req.query);
  auto page = http::Page::from(req);
  return http::keyset_list(
      page, read(query, page), [](const ActionStore::Keyed& k) { return to_json(k.action); },
      [](const ActionStore::Keyed& k) { return k.key; });
}

// {"from_suggestion": {map_id, element_id}}: the note becomes a row (origin map_note).
std::optional<Action> from_suggestion(const ProjectScope& scope, core::Input& input) {
  if (!input.has("from_suggestion")) return std::nullopt;
  const auto& s = input.raw()["from_suggestion"];
  if (!s.is_object() || !s.contains("map_id") || !s["map_id"].is_string() ||
      !s.contains("element_id") || !s["element_id"].is_string()) {
    throw core::ValidationError("from_suggestion", "needs map_id and element_id");
  }
  return ActionStore(scope.sql(), scope.tenant_id())
      .accept(&scope.who(), scope.project().id, s["map_id"].get<std::string>(),
              s["element_id"].get<std::string>());
}

Response suggestions(db::Database& db, const Request& req) {
  auto sql = db.lease();
  ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  return http::ordered_list(req,
                            ActionStore(*sql, scope.tenant_id()).suggestions(scope.project().id));
}

bool dry_run(const Request& req) {
  auto flag = req.query_param("dry_run").value_or("false");
  if (flag != "true" && flag != "false" && flag != "1" && flag != "0")
    throw core::ValidationError("dry_run", "must be true or false");
  return flag == "true" || flag == "1";
}

json report(const std::vector<ImportRow>& rows, bool dry_run, bool imported) {
  json body = core::import_report(rows, [](const ImportRow& r) { return to_json(r); });
  body["dry_run"] = dry_run;
  body["imported"] = imported;
  return body;
}

// A dry run reports; a real import stores every row or, when any has errors, none (422).
Response import(db::Database& db, const Request& req) {
  auto sql = db.lease();
  ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kEdit);
  bool checking = dry_run(req);
  core::ImportSlot slot;
  ActionStore store(*sql, scope.tenant_id());
  auto rows = store.plan_import(scope.project().id, req.body, import_vocabulary());
  if (checking) return Response::json(200, report(rows, true, false));
  if (std::any_of(rows.begin(), rows.end(),
                  [](const ImportRow& r) { return r.action == "error"; })) {
    json body = report(rows, false, false);
    body["error"] = {{"code", "import_failed"},
                     {"message", "some rows have errors; nothing was imported"},
                     {"fields", json::object()}};
    return Response::json(422, body);
  }
  store.apply_import(&scope.who(), scope.project().id, rows);
  return Response::json(200, report(rows, false, true));
}

Response my_actions(db::Database& db, const Request& req) {
  return keyed_page(req, [&](const ActionQuery& query, const http::Page& page) {
    if (req.who().person_id.empty()) return std::vector<ActionStore::Keyed>{};
    auto sql = db.lease();
    return ActionStore(*sql, req.who().tenant_id)
        .page_of_person(req.who().person_id, query, req.who().today(), page);
  });
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  kit::add_api_routes(
      router, db,
      kit::Resource<Action, ActionStore>{
          .plural = "actions",
          .schema = "Action",
          .noun = "row of the action plan",
          .fields = action_fields(),
          .list_summary = "The project's action plan (?status=&responsible_id=&overdue=true&"
                          "sort=deadline|status|responsible|created)",
          .create_from = from_suggestion,
          // Paged in SQL: a plan of thousands of rows costs one page.
          .list_response = [](const ProjectScope& scope, const Request& req) {
            return keyed_page(req, [&](const ActionQuery& query, const http::Page& page) {
              return ActionStore(scope.sql(), scope.tenant_id())
                  .page_of_project(scope.project().id, query, req.who().today(), page);
            });
          }});
  register_schemas();  // after the kit's, whose ActionInput it extends
  kit::add_table_exports(router, db,
                         {.name = "actions",
                          .file = "action-plan",
                          .summary = "The action plan (the list's filters apply)",
                          .sheet = "action.sheet",
                          .date_columns = kDateColumns,
                          .table = [](const ProjectScope& scope, const Request& req) {
                            return export_table(plan_in_order(scope, req), req.locale);
                          }});
  const auto user = Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/projects/{id}/action-suggestions",
        user,
        suggestions,
        {"Before-go-live notes of the project's redesign maps not yet in the plan", "actions", "",
         "ActionSuggestion", true}},
       {"POST",
        "/api/v1/projects/{id}/actions/import",
        user,
        import,
        {"Import rows from CSV (text/csv, the export's columns, ';' or ','): ?dry_run=true "
         "reports per row and stores nothing; a real import is all-or-nothing (422 with the "
         "report)",
         "actions", "", "ActionImportReport"}},
       {"GET",
        "/api/v1/my-actions",
        user,
        my_actions,
        {"The caller's rows across the tenant's action plans (same filters as a project's list)",
         "actions", "", "Action", true}}});
}

}  // namespace actions
