// Adoption of the redesign, KPI split suggestions, lessons learned and the closing
// report as JSON API.
#include "adoption/adoption_input.hpp"
#include "adoption/adoption_routes.hpp"
#include "adoption/adoption_store.hpp"
#include "adoption/adoption_views.hpp"
#include "adoption/closing_report.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/ordered_list.hpp"
#include "http/paging.hpp"
#include "kit/resource.hpp"
#include "kit/routes.hpp"
#include "kpis/kpi_store.hpp"

namespace adoption {
namespace {

using kit::ProjectScope;

void register_schemas() {
  json text = {{"type", "string"}};
  json nullable = {{"type", {"string", "null"}}};
  json step = {
      {"type", "object"},
      {"properties",
       {{"element_id", text},
        {"name", text},
        {"status", {{"enum", kStatuses}}},
        {"on_map",
         {{"type", "boolean"}, {"description", "false: no longer on the newest redesign map"}}},
        {"decision_id", nullable},
        {"decision", nullable},
        {"decided_on", nullable},
        {"version", {{"type", "integer"}}},
        {"next_statuses", {{"type", "array"}, {"items", {{"enum", kStatuses}}}}}}}};
  http::register_schema("AdoptionStep", step);
  json share = {{"type", "object"},
                {"properties",
                 {{"adopted", {{"type", "integer"}}},
                  {"total", {{"type", "integer"}}},
                  {"percent", {{"type", "integer"}}}}}};
  http::register_schema(
      "Adoption",
      {{"type", "object"},
       {"properties",
        {{"map", {{"type", {"object", "null"}}}},
         {"steps", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/AdoptionStep"}}}}},
         {"share", share}}}});
  http::register_schema(
      "AdoptionChange",
      {{"type", "object"},
       {"required", {"element_id", "status", "decision", "version"}},
       {"properties",
        {{"element_id", text},
         {"status", {{"enum", kStatuses}}},
         {"decision", {{"type", "string"}, {"description", "the management decision's text"}}},
         {"decided_on", {{"type", "string"}, {"format", "date"}}},
         {"decided_by", text},
         {"meeting_id", nullable},
         {"version",
          {{"type", "integer"},
           {"description",
            "the step's version as read (or If-Match); 1 for a step never "
            "decided on"}}}}}});
  json changed = step;
  changed["properties"]["share"] = share;
  http::register_schema("AdoptionChanged", changed);
  http::register_schema("AdoptionHistoryEntry", {{"type", "object"},
                                                 {"properties",
                                                  {{"id", text},
                                                   {"element_id", text},
                                                   {"step_name", text},
                                                   {"from_status", {{"enum", kStatuses}}},
                                                   {"to_status", {{"enum", kStatuses}}},
                                                   {"decision_id", text},
                                                   {"decision", text},
                                                   {"decided_on", text},
                                                   {"created_at", text}}}});
  http::register_schema("SplitSuggestion",
                        {{"type", "object"},
                         {"properties",
                          {{"element_id", text},
                           {"step_name", text},
                           {"adopted_on", text},
                           {"start", {{"type", "string"}, {"description", "the split's period"}}},
                           {"follows_step", {{"type", "boolean"}}}}}});
  http::register_schema(
      "SplitAccept",
      {{"type", "object"}, {"required", {"element_id"}}, {"properties", {{"element_id", text}}}});
  json goal = {{"type", "object"},
               {"required", {"kind", "goal", "outcome"}},
               {"properties",
                {{"kind", {{"enum", kGoalKinds}}},
                 {"goal", {{"type", "string"}, {"description", "the charter's text of the goal"}}},
                 {"outcome", {{"enum", kGoalOutcomes}}},
                 {"note", text}}}};
  http::register_schema("GoalOutcomeInput", goal);
  goal["properties"]["outcome"] = {{"enum", {"reached", "partly", "not_reached", nullptr}},
                                   {"description", "null: not judged yet"}};
  goal["properties"]["updated_at"] = nullable;
  http::register_schema("GoalOutcome", goal);
  http::register_schema(
      "ClosingReport",
      {{"type", "object"},
       {"properties",
        {{"project", {{"type", "object"}}},
         {"generated_at", text},
         {"adoption",
          {{"type", "object"},
           {"description", "steps by status (adopted, keep_developing, cancelled, trial), share"}}},
         {"kpis",
          {{"type", "array"},
           {"description",
            "per KPI: baseline_median (of the baseline period, else the stated baseline; "
            "baseline_source says which), last_median (of the last chart period), target, "
            "reached (the wins rule on last_median), target_first_reached_on (the wins log's "
            "date)"}}},
         {"goals", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/GoalOutcome"}}}}},
         {"maps",
          {{"type", "object"},
           {"description", "the as-is and the redesign map with their compared figures"}}},
         {"actions", {{"type", "object"}, {"description", "done and dropped: counts and lists"}}},
         {"decisions", {{"type", "array"}}},
         {"wins", {{"type", "array"}}},
         {"lessons", {{"type", "array"}}}}}});
}

// A route about one KPI: the KPI (NotFound first) and the right in its project.
std::function<Response(db::Database&, const Request&)> on_kpi(
    ProjectRight right,
    std::function<Response(const kpis::Kpi&, const ProjectScope&, const Request&)> run) {
  return [right, run = std::move(run)](db::Database& db, const Request& req) {
    auto sql = db.lease();
    auto [k, scope] = kit::load<kpis::Kpi, kpis::KpiStore>(*sql, req, req.param("id"));
    scope.require(right);
    return run(k, scope, req);
  };
}

Response overview(const ProjectScope& scope, const Request&) {
  return Response::json(
      200, to_json(AdoptionStore(scope.sql(), scope.tenant_id()).overview(scope.project().id)));
}

Response change(const ProjectScope& scope, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto change = parse_change(input, req.who());
  input.check();
  long long version = http::required_version(req, input.raw());
  AdoptionStore store(scope.sql(), scope.tenant_id());
  json body = to_json(store.change(&req.who(), scope.project().id, change, version));
  body["share"] = to_json(store.overview(scope.project().id))["share"];
  return Response::json(200, body);
}

Response history(const ProjectScope& scope, const Request& req) {
  return http::ordered_list(
      req, AdoptionStore(scope.sql(), scope.tenant_id()).history(scope.project().id));
}

Response suggestions(const kpis::Kpi& k, const ProjectScope& scope, const Request& req) {
  return http::ordered_list(req,
                            AdoptionStore(scope.sql(), scope.tenant_id()).split_suggestions(k));
}

Response accept_split(const kpis::Kpi& k, const ProjectScope& scope, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto element = input.required_text("element_id", 200);
  input.check();
  auto p = AdoptionStore(scope.sql(), scope.tenant_id()).accept_split(&req.who(), k, element);
  return Response::json(201, kpis::to_json(p));
}

Response goal_outcomes(const ProjectScope& scope, const Request& req) {
  return http::ordered_list(
      req, GoalOutcomeStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id));
}

Response set_goal_outcome(const ProjectScope& scope, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto outcome = parse_goal_outcome(input);
  input.check();
  return Response::json(200, to_json(GoalOutcomeStore(scope.sql(), scope.tenant_id())
                                         .set(&req.who(), scope.project().id, outcome)));
}

Response report(const ProjectScope& scope, const Request& req) {
  return Response::json(
      200, closing_report(scope.sql(), scope.tenant_id(), scope.project().id, req.locale));
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  using projects::scoped;
  register_schemas();
  const auto user = Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/projects/{id}/adoption",
        user,
        scoped(ProjectRight::kRead, overview),
        {"The redesign's steps with their adoption status and the share adopted", "adoption", "",
         "Adoption"}},
       {"POST",
        "/api/v1/projects/{id}/adoption",
        user,
        scoped(ProjectRight::kDecide, change),
        {"Change a step's adoption status by a recorded management decision (needs the decide "
         "right; the decision goes into the project's decision log)",
         "adoption", "AdoptionChange", "AdoptionChanged"}},
       {"GET",
        "/api/v1/projects/{id}/adoption/history",
        user,
        scoped(ProjectRight::kRead, history),
        {"Every change of a step's adoption status, newest first", "adoption", "",
         "AdoptionHistoryEntry", true}},
       {"GET",
        "/api/v1/kpis/{id}/split-suggestions",
        user,
        on_kpi(ProjectRight::kRead, suggestions),
        {"Suggested splits of the run chart where a redesigned step was adopted", "adoption", "",
         "SplitSuggestion", true}},
       {"POST",
        "/api/v1/kpis/{id}/split-suggestions",
        user,
        on_kpi(ProjectRight::kEdit, accept_split),
        {"Accept a suggested split: the chart is split at the adoption's period", "adoption",
         "SplitAccept", "KpiPeriod", false, 201}},
       {"GET",
        "/api/v1/projects/{id}/goal-outcomes",
        user,
        scoped(ProjectRight::kRead, goal_outcomes),
        {"The charter's goals in its order, each with what came of it", "adoption", "",
         "GoalOutcome", true}},
       {"PUT",
        "/api/v1/projects/{id}/goal-outcomes",
        user,
        scoped(ProjectRight::kEdit, set_goal_outcome),
        {"Record (or replace) what came of one of the charter's goals", "adoption",
         "GoalOutcomeInput", "GoalOutcome"}},
       {"GET",
        "/api/v1/projects/{id}/closing-report",
        user,
        scoped(ProjectRight::kRead, report),
        {"The closing report: adoption, KPIs before and after, actions, decisions, wins and "
         "lessons learned",
         "adoption", "", "ClosingReport"}}});
  kit::add_api_routes(router, db,
                      kit::Resource<Lesson, LessonStore>{.plural = "lessons",
                                                         .schema = "Lesson",
                                                         .tag = "adoption",
                                                         .noun = "lesson learned",
                                                         .fields = lesson_fields()});
}

}  // namespace adoption
