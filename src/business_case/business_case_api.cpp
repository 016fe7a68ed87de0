// The business case as JSON API: one resource per project, with approval by a decision.
#include "business_case/business_case_routes.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/ordered_list.hpp"
#include "http/paging.hpp"
#include "kit/exports.hpp"
#include "kit/routes.hpp"
#include "projects/project_input.hpp"
#include "web/i18n.hpp"

namespace business_case {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;
using projects::ProjectRight;

void register_schemas() {
  json number = {{"type", "number"}};
  json nullable_year = {{"type", {"integer", "null"}},
                        {"description", "null: not within the horizon"}};
  json figures = {
      {"npv", {{"type", "number"}, {"description", "net present value at rate_used"}}},
      {"payback_year",
       {{"type", {"integer", "null"}},
        {"description",
         "the first year whose cumulative (undiscounted) net value is >= 0; null: not within "
         "the horizon"}}},
      {"discounted_payback_year", nullable_year},
      {"total_costs", number},
      {"total_benefits", number},
      {"years",
       {{"type", "array"},
        {"description",
         "per year: costs, benefits, net, discounted_net, cumulative_net, "
         "cumulative_discounted_net"},
        {"items", {{"type", "object"}}}}},
      {"rate_used", {{"type", "number"}, {"description", "per cent a year"}}},
      {"hour_price_used", number}};
  json bc = business_case_fields().schema();
  bc["properties"].update(figures);
  bc["properties"]["approved"] = {
      {"type", {"object", "null"}},
      {"description",
       "the newest approved version: number, decision_id, decision, approved_on, npv, "
       "payback_year and comparison (npv_difference, payback_year_change, per-year "
       "differences of the net value); null: never approved"}};
  http::register_schema("BusinessCase", bc);
  json input = business_case_fields().input_schema();
  input["properties"]["version"] = {
      {"type", "integer"},
      {"description", "the version read; 0 makes the project's first business case"}};
  input["required"] = {"version"};
  http::register_schema("BusinessCaseInput", input);
  json version = {{"type", "object"},
                  {"properties",
                   {{"id", {{"type", "string"}}},
                    {"number", {{"type", "integer"}}},
                    {"decision_id", {{"type", "string"}}},
                    {"decision", {{"type", "string"}}},
                    {"approved_on", {{"type", "string"}, {"format", "date"}}},
                    {"horizon", {{"type", "integer"}}},
                    {"currency", {{"type", "string"}}},
                    {"rows", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
  version["properties"].update(figures);
  http::register_schema("BusinessCaseVersion", version);
  http::register_schema(
      "BusinessCaseApproval",
      {{"type", "object"},
       {"required", {"decision", "version"}},
       {"properties",
        {{"decision", {{"type", "string"}, {"description", "the steering group's decision"}}},
         {"decided_on", {{"type", "string"}, {"format", "date"}}},
         {"decided_by", {{"type", "string"}}},
         {"version",
          {{"type", "integer"}, {"description", "the business case's version read"}}}}}});
}

// 0 (a case never saved) or the version an update needs.
long long version_read(const Request& req, const json& body) {
  if (body.contains("version") && body["version"] == 0) return 0;
  return http::required_version(req, body);
}

Response show(const ProjectScope& scope, const Request&) {
  BusinessCaseStore store(scope.sql(), scope.tenant_id());
  return Response::json(200, answer(store, store.current(scope.project().id)));
}

Response save(const ProjectScope& scope, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  long long version = version_read(req, input.raw());
  BusinessCaseStore store(scope.sql(), scope.tenant_id());
  auto changed = business_case_fields().apply(input, store.current(scope.project().id));
  return Response::json(
      200, answer(store, store.save(&req.who(), scope.project().id, changed, version)));
}

Response approve(const ProjectScope& scope, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto decision = projects::parse_gate_decision(input, req.who(), false);
  input.check();
  long long version = http::required_version(req, input.raw());
  BusinessCaseStore store(scope.sql(), scope.tenant_id());
  return Response::json(201,
                        to_json(store.approve(&req.who(), scope.project().id, decision, version)));
}

Response versions(const ProjectScope& scope, const Request& req) {
  return http::ordered_list(
      req, BusinessCaseStore(scope.sql(), scope.tenant_id()).versions(scope.project().id));
}

core::Table export_table(const ProjectScope& scope, const Request& req) {
  BusinessCaseStore store(scope.sql(), scope.tenant_id());
  auto bc = store.current(scope.project().id);
  auto f = compute(bc.rows, bc.horizon, store.pricing(bc));
  const auto& l = req.locale;
  core::Table table{{web::t(l, "bcase_year")}};
  for (const auto& name : amount_names()) table[0].push_back(web::t(l, "bcase_" + name));
  for (const char* k : {"bcase_costs", "bcase_benefits", "bcase_net", "bcase_discounted_net",
                        "bcase_cumulative_net"})
    table[0].push_back(web::t(l, k));
  auto rows = rows_to_json(bc.rows);
  for (const auto& y : f.years) {
    std::vector<std::string> line{std::to_string(y.year)};
    json amounts;
    for (const auto& r : rows)
      if (r["year"] == y.year) amounts = r;
    for (const auto& name : amount_names())
      line.push_back(web::format_number(l, amounts.is_null() ? 0.0 : amounts[name].get<double>()));
    for (double v : {y.costs, y.benefits, y.net, y.discounted_net, y.cumulative_net})
      line.push_back(web::format_number(l, v));
    table.push_back(std::move(line));
  }
  return table;
}

}  // namespace

json answer(BusinessCaseStore& store, const BusinessCase& bc) {
  const auto pricing = store.pricing(bc);
  json out = to_json(bc, pricing);
  auto approved = bc.version == 0 ? std::nullopt : store.approved(bc.project_id);
  if (!approved) {
    out["approved"] = nullptr;
    return out;
  }
  auto then = compute(approved->rows, approved->horizon, approved->pricing);
  auto now = compute(bc.rows, bc.horizon, pricing);
  json summary = {{"number", approved->number},
                  {"decision_id", approved->decision_id},
                  {"decision", approved->decision},
                  {"approved_on", approved->approved_on},
                  {"npv", then.npv},
                  {"payback_year", then.payback_year ? json(*then.payback_year) : json()},
                  {"comparison", compare(now, then)}};
  out["approved"] = summary;
  return out;
}

void add_api_routes(http::Router& router, db::Database& db) {
  using projects::scoped;
  register_schemas();
  const auto user = http::Access::kAuthenticated;
  const std::string path = "/api/v1/projects/{id}/business-case";
  kit::add_routes(
      router, db,
      {{"GET",
        path,
        user,
        scoped(ProjectRight::kRead, show),
        {"The project's business case: rows per year, NPV, payback year and the approved "
         "version compared (an unsaved case has version 0)",
         "business-case", "", "BusinessCase"}},
       {"PUT",
        path,
        user,
        scoped(ProjectRight::kEdit, save),
        {"Save the current estimate (fields left out keep their value; version 0 makes the "
         "first one; a stale version gets 409)",
         "business-case", "BusinessCaseInput", "BusinessCase"}},
       {"POST",
        path + "/approve",
        user,
        scoped(ProjectRight::kDecide, approve),
        {"Approve the current estimate by a steering-group decision (needs the decide right; "
         "the decision goes into the project's decision log and the version is frozen)",
         "business-case", "BusinessCaseApproval", "BusinessCaseVersion", false, 201}},
       {"GET",
        path + "/versions",
        user,
        scoped(ProjectRight::kRead, versions),
        {"The approved versions, newest first", "business-case", "", "BusinessCaseVersion",
         true}}});
  kit::add_table_exports(router, db,
                         {.name = "business-case",
                          .tag = "business-case",
                          .summary = "The business case's rows per year",
                          .sheet = "bcase_sheet",
                          .table = export_table});
}

}  // namespace business_case
