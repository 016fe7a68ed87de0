// The effect report as JSON and as a PDF under /api/v1, and what its page shares with them:
// the report read for the caller and its printable document.
#include "http/error_mapping.hpp"
#include "http/openapi.hpp"
#include "kit/routes.hpp"
#include "programmes/effect_routes.hpp"
#include "programmes/effect_store.hpp"
#include "programmes/effect_view.hpp"
#include "programmes/programme_store.hpp"
#include "status_reports/report_render.hpp"
#include "web/render.hpp"

namespace programmes::effects {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Response pdf_response(const Loaded& loaded, const Request& req) {
  auto pdf = status_reports::html_to_pdf(standalone_html(loaded, req.locale));
  if (!pdf)
    return http::json_error({.status = 503,
                             .code = "pdf_unavailable",
                             .message = "PDF needs Chromium on the server (Debian package "
                                        "chromium); the report is available as a page"});
  return Response::attachment("application/pdf", std::move(*pdf), file_name(loaded, "pdf"));
}

Response report(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto loaded = load(*sql, req);
  const auto format = req.query_param("format").value_or("json");
  if (format != "json" && format != "pdf") throw core::ValidationError("format", "is json or pdf");
  if (format == "pdf") return pdf_response(loaded, req);
  return Response::json(200, report_json(loaded.programme, loaded.report, loaded.today));
}

Response report_pdf(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return pdf_response(load(*sql, req), req);
}

json counts_schema() {
  json props = json::object();
  for (const auto& o : kOutcomes) props[o] = {{"type", "integer"}};
  return {{"type", "object"}, {"properties", props}};
}

void register_schema() {
  const json text = {{"type", "string"}};
  const json nullable_text = {{"type", {"string", "null"}}};
  const json number = {{"type", {"number", "null"}}};
  const json project = {{"type", "object"},
                        {"properties", {{"id", text}, {"title", text}, {"municipality", text}}}};
  const json span = {{"type", {"object", "null"}}, {"properties", {{"from", text}, {"to", text}}}};
  const json index = {{"type", {"object", "null"}},
                      {"description", "the whole round's index; no figures when hidden"},
                      {"properties",
                       {{"round", text},
                        {"closes_on", text},
                        {"hidden", {{"type", "boolean"}}},
                        {"n", {{"type", "integer"}}},
                        {"index", {{"type", "number"}}}}}};
  const json group = {{"type", "object"},
                      {"properties",
                       {{"id", nullable_text},
                        {"name", text},
                        {"projects", {{"type", "integer"}}},
                        {"phases", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                        {"kpis", {{"type", "object"}, {"additionalProperties", counts_schema()}}},
                        {"benefits", {{"type", "object"}}}}}};
  const json kpi = {
      {"type", "object"},
      {"properties",
       {{"project", project},
        {"kpi_id", text},
        {"name", text},
        {"unit", text},
        {"direction", {{"enum", {"higher", "lower"}}}},
        {"level", text},
        {"before", number},
        {"before_source", {{"enum", {"kpi_baseline", "chart_baseline", nullptr}}}},
        {"before_period", span},
        {"after", number},
        {"after_period", span},
        {"after_points", {{"type", "integer"}}},
        {"outcome", {{"enum", kOutcomes}}},
        {"signal", {{"enum", {"better", "worse", "neutral", "no_signal", "no_data"}}}}}}};
  const json benefit = {{"type", "object"},
                        {"properties",
                         {{"project", project},
                          {"title", text},
                          {"status", text},
                          {"realisation", text},
                          {"judged_on", nullable_text}}}};
  const json category = {{"type", "object"},
                         {"properties",
                          {{"category", {{"enum", kpis::kCategories}}},
                           {"outcomes", counts_schema()},
                           {"kpis", {{"type", "array"}, {"items", kpi}}},
                           {"benefits",
                            {{"type", "object"},
                             {"properties",
                              {{"statuses", {{"type", "object"}}},
                               {"items", {{"type", "array"}, {"items", benefit}}}}}}}}}};
  const json survey = {{"type", "object"},
                       {"properties",
                        {{"project", project},
                         {"survey", text},
                         {"scale", {{"type", "object"}}},
                         {"baseline", index},
                         {"latest", index},
                         {"change", {{"type", {"object", "null"}}}}}}};
  http::register_schema(
      "ProgrammeEffectReport",
      {{"type", "object"},
       {"properties",
        {{"programme", {{"type", "object"}}},
         {"generated_on", text},
         {"period",
          {{"type", "object"}, {"properties", {{"from", nullable_text}, {"to", nullable_text}}}}},
         {"summary", {{"type", "object"}}},
         {"phases", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"categories", {{"type", "array"}, {"items", category}}},
         {"surveys", {{"type", "array"}, {"items", survey}}},
         {"clusters", {{"type", "array"}, {"items", group}}},
         {"tracks", {{"type", "array"}, {"items", group}}}}}});
}

}  // namespace

Loaded load(soci::session& sql, const Request& req) {
  ProgrammeStore store(sql, req.who().tenant_id);
  Loaded out{store.get(req.param("id")), {}, req.who().today()};
  const auto attached = store.projects(out.programme);
  out.report = build_report(out.programme, attached, read_rows(sql, out.programme), out.today);
  return out;
}

std::string report_body(const Loaded& loaded, const std::string& locale) {
  return web::render_template("programmes/effect_report_body",
                              report_view(loaded.programme, loaded.report, locale, loaded.today));
}

std::string standalone_html(const Loaded& loaded, const std::string& locale) {
  json page = {{"lang", locale},
               {"title", loaded.programme.title},
               {"css", web::render_template("status_reports/print_css", json::object()) +
                           web::render_template("programmes/effect_report_css", json::object())},
               {"body", report_body(loaded, locale)}};
  return web::render_template("status_reports/standalone", page);
}

std::string file_name(const Loaded& loaded, const std::string& extension) {
  return "effect-report-" + loaded.today + "." + extension;
}

void add_api_routes(http::Router& router, db::Database& db) {
  register_schema();
  const auto user = http::Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/programmes/{id}/effect-report",
        user,
        report,
        {"The programme's effect report: per category of the triple bottom line each attached "
         "project's KPIs before and after, the benefits, the survey indices, clusters and "
         "tracks (for everyone who sees the programme; ?format=pdf gives the PDF)",
         "programmes", "", "ProgrammeEffectReport"}},
       {"GET",
        "/api/v1/programmes/{id}/effect-report.pdf",
        user,
        report_pdf,
        {"The effect report as PDF, printed on the server by headless Chromium (503 without it)",
         "programmes", "", "", false, 200, "application/pdf"}}});
}

}  // namespace programmes::effects
