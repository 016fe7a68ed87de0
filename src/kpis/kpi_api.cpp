// KPIs as a project-scoped resource on the kit; their measurements (bulk push by API
// token, file import), run chart and chart periods as routes on one KPI.
#include "core/errors.hpp"
#include "core/imports.hpp"
#include "core/input.hpp"
#include "core/xlsx_reader.hpp"
#include "http/openapi.hpp"
#include "http/ordered_list.hpp"
#include "http/paging.hpp"
#include "kit/resource.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_import.hpp"
#include "kpis/kpi_routes.hpp"
#include "kpis/kpi_store.hpp"

namespace kpis {
namespace {

using http::Request;
using http::Response;
using kit::ProjectRight;
using kit::ProjectScope;
using nlohmann::json;

const json kText = {{"type", "string"}};
const json kNumber = {{"type", {"number", "null"}}};

void register_measurement_schemas() {
  json row = {{"type", "object"},
              {"required", {"period", "value"}},
              {"properties",
               {{"period",
                 {{"type", "string"},
                  {"description", "2026-W14 (weekly, biweekly), 2026-04 or a date (monthly)"}}},
                {"value", {{"type", "number"}}}}}};
  http::register_schema("Measurement", row);
  http::register_schema(
      "MeasurementPush",
      {{"description",
        "a bare array or {\"measurements\": [...]}; all-or-nothing, errors named \"3.period\""},
       {"oneOf",
        {{{"type", "array"}, {"items", row}},
         {{"type", "object"},
          {"properties", {{"measurements", {{"type", "array"}, {"items", row}}}}}}}}});
  http::register_schema("MeasurementPushResult", {{"type", "object"},
                                                  {"properties",
                                                   {{"created", {{"type", "integer"}}},
                                                    {"updated", {{"type", "integer"}}},
                                                    {"received", {{"type", "integer"}}}}}});
  http::register_schema(
      "MeasurementImportReport",
      http::import_report_schema(
          {{"period", kText}, {"value", {{"type", {"number", "string"}}}}},
          {{"created", {{"type", "integer"}}}, {"updated", {{"type", "integer"}}}}));
}

void register_chart_schemas() {
  json period = {{"type", "object"},
                 {"required", {"start", "label"}},
                 {"properties",
                  {{"start", kText},
                   {"label", kText},
                   {"frozen", {{"type", "boolean"}}},
                   {"freeze_until",
                    {{"type", {"string", "null"}},
                     {"description",
                      "the median is that of the period's points up to here; frozen without it: "
                      "the previous period's median"}}}}}};
  http::register_schema("KpiPeriodInput", period);
  period["properties"]["id"] = kText;
  http::register_schema("KpiPeriod", period);
  json objects = {{"type", "array"}, {"items", {{"type", "object"}}}};
  json signal = {
      {"type", "object"},
      {"properties",
       {{"rule", kText},
        {"effect",
         {{"enum", {"better", "worse", "neutral"}},
          {"description", "by the KPI's direction: an improvement, a deterioration, or no side"}}},
        {"period", kText},
        {"from", kText},
        {"to", kText},
        {"points", {{"type", "array"}, {"items", {{"type", "integer"}}}}}}}};
  http::register_schema("KpiChart", {{"type", "object"},
                                     {"properties",
                                      {{"points", objects},
                                       {"periods", objects},
                                       {"limits", objects},
                                       {"median", kNumber},
                                       {"baseline", kNumber},
                                       {"target", kNumber},
                                       {"signals", {{"type", "array"}, {"items", signal}}},
                                       {"rule_set", {{"enum", kRuleSets}}},
                                       {"due", {{"type", "boolean"}}}}}});
}

// The KPI as the caller reads it: due or not by their tenant's calendar.
Kpi as_read(Kpi k, const Request& req) { return with_due(std::move(k), req.who().today()); }

// The project's KPIs by name, with their last value and whether one is due.
json listed(const ProjectScope& scope, const Request& req) {
  json items = json::array();
  for (const auto& k : KpiStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id))
    items.push_back(to_json(as_read(k, req)));
  return items;
}

json measurement_rows(const std::string& body) {
  if (body.empty()) throw core::BadRequest("the request body is empty; a JSON list was expected");
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) throw core::BadRequest("malformed JSON", "malformed_json");
  if (parsed.is_object() && parsed.contains("measurements")) return parsed["measurements"];
  return parsed;
}

Response push_measurements(const Kpi& k, const ProjectScope& scope, Request& req) {
  auto rows = measurement_rows(req.body);
  auto parsed = parse_measurements(k, rows);
  auto r = KpiStore(scope.sql(), scope.tenant_id()).push(&scope.who(), k, parsed);
  return Response::json(
      200, {{"created", r.created}, {"updated", r.updated}, {"received", rows.size()}});
}

bool dry_run_asked(const Request& req) {
  auto flag = req.query_param("dry_run").value_or("false");
  if (flag != "true" && flag != "false" && flag != "1" && flag != "0")
    throw core::ValidationError("dry_run", "must be true or false");
  return flag == "true" || flag == "1";
}

json import_report(const std::vector<MeasurementImportRow>& rows, bool dry_run) {
  json body = core::import_report(rows, [](const MeasurementImportRow& r) { return to_json(r); });
  body["dry_run"] = dry_run;
  body["imported"] = false;
  body["created"] = 0;
  body["updated"] = 0;
  return body;
}

Response import_measurements(const Kpi& k, const ProjectScope& scope, Request& req) {
  bool dry_run = dry_run_asked(req);
  core::ImportSlot slot;
  KpiStore store(scope.sql(), scope.tenant_id());
  auto table = read_import_file(import_upload(req));
  auto rows = plan_measurement_import(k, table, store.stored_periods(k.id));
  json body = import_report(rows, dry_run);
  if (dry_run) return Response::json(200, body);
  if (rows.empty()) throw core::ValidationError("file", "has no rows below the header");
  if (body["summary"]["error"].get<int>() > 0) {
    body["error"] = {{"code", "import_failed"},
                     {"message", "some rows have errors; nothing was imported"},
                     {"fields", json::object()}};
    return Response::json(422, body);
  }
  auto r = store.push(&scope.who(), k, measurements_of(rows));
  body["imported"] = true;
  body["created"] = r.created;
  body["updated"] = r.updated;
  return Response::json(200, body);
}

Response measurements(const Kpi& k, const ProjectScope& scope, Request& req) {
  auto freq = frequency_of(k.frequency);
  json items = json::array();
  for (const auto& p : KpiStore(scope.sql(), scope.tenant_id()).points(k.id))
    items.push_back({{"period", format_period(freq, p.period)}, {"value", p.value}});
  return Response::json(200, http::page_in_order(req, items));
}

Response chart(const Kpi& k, const ProjectScope& scope, Request& req) {
  KpiStore store(scope.sql(), scope.tenant_id());
  Response r;
  r.status = 200;
  r.content_type = "application/json";
  r.body = chart_body(k, store.points(k.id), store.periods(k.id), req.who().today());
  return r;
}

Response periods(const Kpi& k, const ProjectScope& scope, Request& req) {
  return http::ordered_list(req, KpiStore(scope.sql(), scope.tenant_id()).periods(k.id));
}

Response add_period(const Kpi& k, const ProjectScope& scope, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto p = parse_chart_period(k, input);
  auto stored = KpiStore(scope.sql(), scope.tenant_id()).add_period(&scope.who(), k, p);
  return Response::json(201, to_json(stored));
}

Response remove_period(const Kpi& k, const ProjectScope& scope, Request& req) {
  KpiStore(scope.sql(), scope.tenant_id()).remove_period(&scope.who(), k, req.param("period"));
  return Response::no_content();
}

std::vector<kit::ItemAction<Kpi>> item_routes() {
  return {
      {.name = "measurements",
       .summary = "Push measurements in bulk: all-or-nothing, idempotent per period (a stored "
                  "period is updated and counted in `updated`)",
       .request_schema = "MeasurementPush",
       .response_schema = "MeasurementPushResult",
       .run = push_measurements},
      {.name = "measurements/import",
       .summary = "Import measurements from a CSV or XLSX file (multipart field `file`, or the "
                  "raw body as text/csv or the .xlsx type): columns period and value (Danish, "
                  "Swedish or English headings, ';' or ',', decimal comma). ?dry_run=true "
                  "reports per row (create, update, error) and stores nothing; a real import is "
                  "all-or-nothing (422 with the report) and idempotent per period",
       .response_schema = "MeasurementImportReport",
       .run = import_measurements},
      kit::read_action<Kpi>("measurements", "The KPI's measurements in period order", "Measurement",
                            measurements, true),
      kit::read_action<Kpi>("chart",
                            "The run chart: points, medians per period, limits and the signals "
                            "of the KPI's rule set (Anhøj or IHI)",
                            "KpiChart", chart),
      kit::read_action<Kpi>("periods", "The chart's splits", "KpiPeriod", periods, true),
      {.name = "periods",
       .summary = "Split the chart at a period, optionally freezing its median",
       .request_schema = "KpiPeriodInput",
       .response_schema = "KpiPeriod",
       .run = add_period,
       .success_status = 201},
      {.name = "periods/{period}",
       .summary = "Remove a split",
       .run = remove_period,
       .success_status = 204,
       .method = "DELETE"},
  };
}

}  // namespace

std::string import_upload(const Request& req) {
  auto parts = req.parts();
  if (!parts.empty()) {
    for (auto& p : parts)
      if (p.name == "file" && p.filename) return std::move(p.data);
    for (auto& p : parts)
      if (p.filename) return std::move(p.data);
    throw core::ValidationError("file", "is required: choose a CSV or XLSX file");
  }
  if (req.body.empty())
    throw core::ValidationError("file", "is required: choose a CSV or XLSX file");
  auto type = req.header("content-type").value_or("");
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0)
    throw core::ValidationError("file", "send the file as multipart/form-data, text/csv or .xlsx");
  if (type.rfind(kXlsxType, 0) == 0 && !core::looks_like_zip(req.body))
    throw core::ValidationError("file", "is not a valid .xlsx file (not a ZIP archive)");
  return req.body;
}

void add_api_routes(http::Router& router, db::Database& db) {
  register_measurement_schemas();
  register_chart_schemas();
  kit::add_api_routes(router, db,
                      kit::Resource<Kpi, KpiStore>{.plural = "kpis",
                                                   .schema = "Kpi",
                                                   .noun = "KPI",
                                                   .fields = kpi_fields(),
                                                   .for_request = as_read,
                                                   .list_in_order = listed,
                                                   .actions = item_routes()});
}

}  // namespace kpis
