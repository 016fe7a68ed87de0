// KPIs, their measurements (bulk push by API token), run charts and chart periods.
#include "core/errors.hpp"
#include "core/imports.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "core/xlsx_reader.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_import.hpp"
#include "kpis/kpi_routes.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_access.hpp"

namespace kpis {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

void register_schemas() {
  json text = {{"type", "string"}};
  json nullable = {{"type", {"string", "null"}}};
  json number = {{"type", {"number", "null"}}};
  json input = {{"type", "object"},
                {"required", {"name"}},
                {"properties",
                 {{"name", {{"type", "string"}, {"maxLength", 200}}},
                  {"definition", text},
                  {"unit", text},
                  {"direction", {{"enum", kDirections}}},
                  {"baseline", number},
                  {"target", number},
                  {"frequency", {{"enum", kFrequencies}}},
                  {"start_period",
                   {{"type", {"string", "null"}},
                    {"description", "biweekly: the ISO week the every-second-week grid starts"}}},
                  {"level", {{"enum", kLevels}}},
                  {"category", {{"enum", kCategories}}},
                  {"owner_id", nullable},
                  {"map_id", nullable},
                  {"element_id", nullable},
                  {"rule_set", {{"enum", kRuleSets}}}}}};
  http::register_schema("KpiInput", input);
  json patch = input;
  patch.erase("required");
  patch["properties"]["version"] = {{"type", "integer"}};
  http::register_schema("KpiPatch", patch);
  json kpi = patch;
  for (const char* k : {"id", "project_id", "created_at", "updated_at"})
    kpi["properties"][k] = text;
  kpi["properties"]["last"] = {{"type", {"object", "null"}}};
  kpi["properties"]["due"] = {{"type", "boolean"}};
  http::register_schema("Kpi", kpi);
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
  json period = {{"type", "object"},
                 {"required", {"start", "label"}},
                 {"properties",
                  {{"start", text},
                   {"label", text},
                   {"frozen", {{"type", "boolean"}}},
                   {"freeze_until",
                    {{"type", {"string", "null"}},
                     {"description",
                      "the median is that of the period's points up to here; frozen without it: "
                      "the previous period's median"}}}}}};
  http::register_schema("KpiPeriodInput", period);
  json stored = period;
  stored["properties"]["id"] = text;
  http::register_schema("KpiPeriod", stored);
  json objects = {{"type", "array"}, {"items", {{"type", "object"}}}};
  json signal = {{"type", "object"},
                 {"properties",
                  {{"rule", text},
                   {"period", text},
                   {"from", text},
                   {"to", text},
                   {"points", {{"type", "array"}, {"items", {{"type", "integer"}}}}}}}};
  json chart = {{"type", "object"}, {"properties", json::object()}};
  chart["properties"]["points"] = objects;
  chart["properties"]["periods"] = objects;
  chart["properties"]["limits"] = objects;
  chart["properties"]["median"] = number;
  chart["properties"]["baseline"] = number;
  chart["properties"]["target"] = number;
  chart["properties"]["signals"] = {{"type", "array"}, {"items", signal}};
  chart["properties"]["rule_set"] = {{"enum", kRuleSets}};
  chart["properties"]["due"] = {{"type", "boolean"}};
  http::register_schema("KpiChart", chart);
  http::register_schema(
      "MeasurementImportReport",
      http::import_report_schema(
          {{"period", text}, {"value", {{"type", {"number", "string"}}}}},
          {{"created", {{"type", "integer"}}}, {"updated", {{"type", "integer"}}}}));
}

Kpi load(soci::session& sql, const Request& req, ProjectRight right) {
  auto k = KpiStore(sql, req.who().tenant_id).get(req.param("id"));
  projects::require_right(sql, req.who(), k.project_id, right);
  return k;
}

json listed(KpiStore& store, const Kpi& k, const std::string& today) {
  json j = to_json(k);
  auto points = store.points(k.id);
  j["due"] = is_due(k, points, today);
  j["last"] = points.empty()
                  ? json()
                  : json{{"period", format_period(frequency_of(k.frequency), points.back().period)},
                         {"value", points.back().value}};
  return j;
}

json measurement_rows(const std::string& body) {
  if (body.empty()) throw core::BadRequest("the request body is empty; a JSON list was expected");
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) throw core::BadRequest("malformed JSON", "malformed_json");
  if (parsed.is_object() && parsed.contains("measurements")) return parsed["measurements"];
  return parsed;
}

json import_report(const std::vector<MeasurementImportRow>& rows, bool dry_run) {
  json body = core::import_report(rows, [](const MeasurementImportRow& r) { return to_json(r); });
  body["dry_run"] = dry_run;
  body["imported"] = false;
  body["created"] = 0;
  body["updated"] = 0;
  return body;
}

Response import_measurements(db::Database& db, Request& req) {
  auto sql = db.lease();
  auto k = load(*sql, req, ProjectRight::kEdit);
  auto flag = req.query_param("dry_run").value_or("false");
  if (flag != "true" && flag != "false" && flag != "1" && flag != "0")
    throw core::ValidationError("dry_run", "must be true or false");
  bool dry_run = flag == "true" || flag == "1";
  core::ImportSlot slot;
  KpiStore store(*sql, req.who().tenant_id);
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
  auto r = store.push(&req.who(), k, measurements_of(rows));
  body["imported"] = true;
  body["created"] = r.created;
  body["updated"] = r.updated;
  return Response::json(200, body);
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
  register_schemas();
  router.add({"GET",
              "/api/v1/projects/{id}/kpis",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
                KpiStore store(*sql, req.who().tenant_id);
                json items = json::array();
                for (const auto& k : store.of_project(req.param("id")))
                  items.push_back(listed(store, k, req.who().today()));
                return Response::json(200, http::page_in_order(req, items));
              },
              {"The project's KPIs with their last value and whether one is due", "kpis", "", "Kpi",
               true}});
  router.add({"POST",
              "/api/v1/projects/{id}/kpis",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
                auto input = core::Input::from_json_body(req.body);
                auto fields = parse_kpi(input, true);
                input.check();
                auto k =
                    KpiStore(*sql, req.who().tenant_id).create(&req.who(), req.param("id"), fields);
                return Response::json(201, to_json(k)).header("Location", "/api/v1/kpis/" + k.id);
              },
              {"Create a KPI", "kpis", "KpiInput", "Kpi", false, 201}});
  router.add({"GET",
              "/api/v1/kpis/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto k = load(*sql, req, ProjectRight::kRead);
                KpiStore store(*sql, req.who().tenant_id);
                return Response::json(200, listed(store, k, req.who().today()));
              },
              {"One KPI", "kpis", "", "Kpi"}});
  router.add({"PATCH",
              "/api/v1/kpis/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto k = load(*sql, req, ProjectRight::kEdit);
                auto input = core::Input::from_json_body(req.body);
                auto fields = parse_kpi(input, false);
                input.check();
                long long version = http::required_version(req, input.raw());
                auto after =
                    KpiStore(*sql, req.who().tenant_id).update(&req.who(), k.id, version, fields);
                return Response::json(200, to_json(after));
              },
              {"Change a KPI (needs the current version)", "kpis", "KpiPatch", "Kpi"}});
  router.add({"POST",
              "/api/v1/kpis/{id}/measurements",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto k = load(*sql, req, ProjectRight::kEdit);
                auto rows = measurement_rows(req.body);
                auto parsed = parse_measurements(k, rows);
                auto r = KpiStore(*sql, req.who().tenant_id).push(&req.who(), k, parsed);
                return Response::json(
                    200,
                    {{"created", r.created}, {"updated", r.updated}, {"received", rows.size()}});
              },
              {"Push measurements in bulk: all-or-nothing, idempotent per period (a stored "
               "period is updated and counted in `updated`)",
               "kpis", "MeasurementPush", "MeasurementPushResult"}});
  router.add({"POST",
              "/api/v1/kpis/{id}/measurements/import",
              Access::kAuthenticated,
              [&db](Request& req) { return import_measurements(db, req); },
              {"Import measurements from a CSV or XLSX file (multipart field `file`, or the raw "
               "body as text/csv or the .xlsx type): columns period and value (Danish, Swedish "
               "or English headings, ';' or ',', decimal comma). ?dry_run=true reports per row "
               "(create, update, error) and stores nothing; a real import is all-or-nothing "
               "(422 with the report) and idempotent per period",
               "kpis", "", "MeasurementImportReport"}});
  router.add({"GET",
              "/api/v1/kpis/{id}/measurements",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto k = load(*sql, req, ProjectRight::kRead);
                auto freq = frequency_of(k.frequency);
                json items = json::array();
                for (const auto& p : KpiStore(*sql, req.who().tenant_id).points(k.id))
                  items.push_back({{"period", format_period(freq, p.period)}, {"value", p.value}});
                return Response::json(200, http::page_in_order(req, items));
              },
              {"The KPI's measurements in period order", "kpis", "", "Measurement", true}});
  router.add({"GET",
              "/api/v1/kpis/{id}/chart",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto k = load(*sql, req, ProjectRight::kRead);
                KpiStore store(*sql, req.who().tenant_id);
                Response r;
                r.status = 200;
                r.content_type = "application/json";
                r.body = chart_body(k, store.points(k.id), store.periods(k.id), req.who().today());
                return r;
              },
              {"The run chart: points, medians per period, limits and the signals of the KPI's "
               "rule set (Anhøj or IHI)",
               "kpis", "", "KpiChart"}});
  router.add({"GET",
              "/api/v1/kpis/{id}/periods",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto k = load(*sql, req, ProjectRight::kRead);
                json items = json::array();
                for (const auto& p : KpiStore(*sql, req.who().tenant_id).periods(k.id))
                  items.push_back(to_json(p));
                return Response::json(200, http::page_in_order(req, items));
              },
              {"The chart's splits", "kpis", "", "KpiPeriod", true}});
  router.add({"POST",
              "/api/v1/kpis/{id}/periods",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto k = load(*sql, req, ProjectRight::kEdit);
                auto input = core::Input::from_json_body(req.body);
                auto p = parse_chart_period(k, input);
                auto stored = KpiStore(*sql, req.who().tenant_id).add_period(&req.who(), k, p);
                return Response::json(201, to_json(stored));
              },
              {"Split the chart at a period, optionally freezing its median", "kpis",
               "KpiPeriodInput", "KpiPeriod", false, 201}});
  router.add(
      {"DELETE",
       "/api/v1/kpis/{id}/periods/{period}",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto k = load(*sql, req, ProjectRight::kEdit);
         KpiStore(*sql, req.who().tenant_id).remove_period(&req.who(), k, req.param("period"));
         return Response::no_content();
       },
       {"Remove a split", "kpis", "", "", false, 204}});
}

}  // namespace kpis
