#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/ordered_list.hpp"
#include "http/paging.hpp"
#include "kit/routes.hpp"
#include "projects/project_input.hpp"
#include "projects/project_routes.hpp"
#include "projects/project_scope.hpp"
#include "projects/project_store.hpp"
#include "projects/project_views.hpp"
#include "projects/template_store.hpp"

namespace projects {
namespace {

void register_schemas() {
  json text = {{"type", "object"}, {"description", "{da, sv, en}"}};
  http::register_schema("MethodTemplate",
                        {{"type", "object"},
                         {"properties",
                          {{"key", {{"enum", {"kl-workflow", "ffb", "agile-arena"}}}},
                           {"name", text},
                           {"dimensions", {{"type", "array"}}},
                           {"phases", {{"type", "array"}}}}}});
  json list = {{"type", "array"}, {"items", {{"type", "string"}}}};
  json charter = {{"type", "object"},
                  {"properties",
                   {{"title", {{"type", "string"}, {"maxLength", 200}}},
                    {"template", {{"enum", {"kl-workflow", "ffb", "agile-arena"}}}},
                    {"purpose", {{"type", {"string", "null"}}}},
                    {"background", {{"type", {"string", "null"}}}},
                    {"citizen_journey", {{"type", {"string", "null"}}}},
                    {"target_group", {{"type", {"string", "null"}}}},
                    {"success_criteria", list},
                    {"result_goals", list},
                    {"unit_ids", list},
                    {"start_date", {{"type", {"string", "null"}}, {"format", "date"}}},
                    {"end_date", {{"type", {"string", "null"}}, {"format", "date"}}},
                    {"status", {{"enum", {"green", "yellow", "red"}}}},
                    {"status_reason", {{"type", {"string", "null"}}}}}}};
  http::register_schema("ProjectInput", charter);
  charter["properties"]["id"] = {{"type", "string"}};
  charter["properties"]["phase"] = {{"type", "string"}};
  charter["properties"]["version"] = {{"type", "integer"}};
  charter["properties"]["warnings"] = list;
  http::register_schema("Project", charter);
  http::register_schema("ChecklistItem",
                        {{"type", "object"},
                         {"properties",
                          {{"id", {{"type", "string"}}},
                           {"phase", {{"type", "string"}}},
                           {"dimension", {{"type", {"string", "null"}}}},
                           {"text", text},
                           {"status", {{"enum", {"open", "done", "not_relevant"}}}},
                           {"responsible_id", {{"type", {"string", "null"}}}},
                           {"due_date", {{"type", {"string", "null"}}, {"format", "date"}}},
                           {"evidence", {{"type", {"string", "null"}}}},
                           {"version", {{"type", "integer"}}}}}});
  http::register_schema("PhaseMove", {{"type", "object"},
                                      {"required", {"to_phase", "decision"}},
                                      {"properties",
                                       {{"to_phase", {{"type", "string"}}},
                                        {"decision", {{"type", "string"}}},
                                        {"decided_on", {{"type", "string"}, {"format", "date"}}},
                                        {"decided_by", {{"type", "string"}}},
                                        {"links", list}}}});
  http::register_schema("DecisionInput",
                        {{"type", "object"},
                         {"required", {"decision"}},
                         {"properties",
                          {{"decision", {{"type", "string"}}},
                           {"decided_on", {{"type", "string"}, {"format", "date"}}},
                           {"decided_by", {{"type", "string"}}},
                           {"links", list}}}});
  http::register_schema("Decision", {{"type", "object"},
                                     {"properties",
                                      {{"id", {{"type", "string"}}},
                                       {"kind", {{"enum", {"phase_gate", "decision"}}}},
                                       {"decided_on", {{"type", "string"}}},
                                       {"decided_by", {{"type", "string"}}},
                                       {"text", {{"type", "string"}}},
                                       {"from_phase", {{"type", {"string", "null"}}}},
                                       {"to_phase", {{"type", {"string", "null"}}}},
                                       {"links", list},
                                       {"meeting_id", {{"type", {"string", "null"}}}}}}});
}

Response change_charter(const ProjectScope& scope, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto charter = parse_charter(input, false);
  input.check();
  long long version = http::required_version(req, input.raw());
  return Response::json(
      200, to_json(ProjectStore(scope.sql(), scope.tenant_id())
                       .update_charter(&req.who(), scope.project().id, version, charter)));
}

Response move_phase(const ProjectScope& scope, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto decision = parse_gate_decision(input, req.who());
  input.check();
  return Response::json(200, to_json(ProjectStore(scope.sql(), scope.tenant_id())
                                         .move_phase(&req.who(), scope.project().id, decision)));
}

Response record_decision(const ProjectScope& scope, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto decision = parse_gate_decision(input, req.who(), false);
  input.check();
  return Response::json(201, ProjectStore(scope.sql(), scope.tenant_id())
                                 .record_decision(&req.who(), scope.project().id, decision));
}

Response list_templates(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return http::ordered_list(req, TemplateStore(*sql, req.who().tenant_id).all());
}

Response list_projects(db::Database& db, const Request& req) {
  auto page = http::Page::from(req);
  auto sql = db.lease();
  auto items =
      http::json_items(ProjectStore(*sql, req.who().tenant_id).page(page.after, page.limit));
  return Response::json(200, http::page_body(std::move(items), page));
}

Response create_project(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto available = TemplateStore(*sql, req.who().tenant_id).all();
  auto input = core::Input::from_json_body(req.body);
  const MethodTemplate* tmpl = parse_template_choice(input, available);
  auto charter = parse_charter(input, true);
  input.check();
  auto p = ProjectStore(*sql, req.who().tenant_id).create(&req.who(), *tmpl, charter);
  return Response::json(201, to_json(p));
}

Response read_project(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(200, to_json(ProjectStore(*sql, req.who().tenant_id).get(req.param("id"))));
}

Response checklist(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return http::ordered_list(req,
                            ProjectStore(*sql, req.who().tenant_id).checklist(req.param("id")));
}

Response update_item(db::Database& db, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto fields = parse_item_fields(input);
  input.check();
  long long version = http::required_version(req, input.raw());
  auto sql = db.lease();
  auto item = ProjectStore(*sql, req.who().tenant_id)
                  .update_item(&req.who(), req.param("id"), version, fields);
  return Response::json(200, to_json(item));
}

Response decisions(db::Database& db, const Request& req) {
  auto kind = req.query_param("kind").value_or("");
  if (!kind.empty() && kind != "phase_gate" && kind != "decision") {
    throw core::ValidationError("kind", "must be phase_gate or decision");
  }
  auto sql = db.lease();
  auto items = ProjectStore(*sql, req.who().tenant_id).decisions(req.param("id"), kind, req.locale);
  return Response::json(200, http::page_in_order(req, items));
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  const auto user = Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/templates",
        user,
        list_templates,
        {"Method templates (KL workflow, FFB, agile arena)", "projects", "", "MethodTemplate",
         true}},
       {"GET",
        "/api/v1/projects",
        user,
        list_projects,
        {"List projects", "projects", "", "Project", true}},
       {"POST",
        "/api/v1/projects",
        user,
        create_project,
        {"Create a project from a method template", "projects", "ProjectInput", "Project", false,
         201}},
       {"GET",
        "/api/v1/projects/{id}",
        user,
        read_project,
        {"Read a project and its charter", "projects", "", "Project"}},
       {"PATCH",
        "/api/v1/projects/{id}",
        user,
        scoped(ProjectRight::kEdit, change_charter),
        {"Change the charter (needs the current version)", "projects", "ProjectInput", "Project"}},
       {"GET",
        "/api/v1/projects/{id}/checklist",
        user,
        checklist,
        {"The project's checklist, all phases", "projects", "", "ChecklistItem", true}},
       {"PATCH",
        "/api/v1/checklist-items/{id}",
        user,
        update_item,
        {"Tick off a checklist item, set responsible, due date, evidence", "projects",
         "ChecklistItem", "ChecklistItem"}},
       {"POST",
        "/api/v1/projects/{id}/phase",
        user,
        scoped(ProjectRight::kDecide, move_phase),
        {"Move to the next phase by a recorded gate decision", "projects", "PhaseMove", "Project"}},
       {"POST",
        "/api/v1/projects/{id}/decisions",
        user,
        scoped(ProjectRight::kDecide, record_decision),
        {"Record a decision in the project's decision log", "projects", "DecisionInput", "Decision",
         false, 201}},
       {"GET",
        "/api/v1/projects/{id}/decisions",
        user,
        decisions,
        {"The project's decision log, newest first (?kind=phase_gate)", "projects", "", "Decision",
         true}}});
}

}  // namespace projects
