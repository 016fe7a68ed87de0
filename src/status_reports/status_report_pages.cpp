// Status reports in the browser: the history with the issue form, one report (printable on
// A4, downloadable as HTML and PDF) and two reports side by side.
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"
#include "kpis/kpi_pages.hpp"
#include "status_reports/issue.hpp"
#include "status_reports/report_render.hpp"
#include "status_reports/status_report_routes.hpp"
#include "status_reports/status_report_store.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace status_reports {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;
using SharedProviders = std::shared_ptr<const Providers>;

json colour_chips(const Request& req, const std::vector<Area>& areas) {
  json out = json::array();
  for (const auto& a : areas)
    out.push_back({{"label", web::t(req.locale, "report_area_" + a.key)},
                   {"colour", a.colour},
                   {"colour_label", web::t(req.locale, "report_colour_" + a.colour)}});
  return out;
}

// The issue form as typed, or with today's suggestions.
json form_view(const Request& req, const kit::ProjectScope& scope, const Providers& providers,
               const json& typed) {
  json form = typed.is_null()
                  ? json{{"level", "tactical"}, {"title", ""}, {"issued_on", ""}, {"decisions", ""}}
                  : typed;
  auto suggested = suggestions(scope, form.value("level", "tactical"), providers);
  json areas = json::array();
  for (const auto& a : suggested) {
    std::string colour =
        typed.is_null() ? a.suggested : typed.value("area_" + a.key + "_colour", "");
    areas.push_back(
        {{"key", a.key},
         {"label", web::t(req.locale, "report_area_" + a.key)},
         {"colours", web::translated_options(req.locale, kColours, "report_colour_", colour)},
         {"reason", typed.is_null() ? "" : typed.value("area_" + a.key + "_reason", "")},
         {"suggested_label", web::t(req.locale, "report_colour_" + a.suggested)},
         {"because", web::render_message(req.locale, a.suggested_because)}});
  }
  return {{"values", form},
          {"levels", web::translated_options(req.locale, kLevels, "report_level_",
                                             form.value("level", "tactical"))},
          {"areas", areas}};
}

// The history, newest first, and the compare form's choices (the two newest chosen).
void history_view(const Request& req, const std::vector<StatusReport>& reports, json& view) {
  json rows = json::array(), choices = json::array();
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    rows.push_back({{"title", r.title},
                    {"issued_on", r.issued_on},
                    {"level_label", web::t(req.locale, "report_level_" + r.level)},
                    {"url", "/projects/" + r.project_id + "/status-reports/" + r.id},
                    {"areas", colour_chips(req, r.areas)}});
    choices.push_back({{"id", r.id},
                       {"label", r.issued_on + " · " + r.title},
                       {"newer", i == 0},
                       {"older", i == 1}});
  }
  view["reports"] = rows;
  view["has_reports"] = !reports.empty();
  view["choices"] = choices;
  view["may_compare"] = reports.size() >= 2;
}

Response list_page(db::Database& db, const Request& req, const Providers& providers,
                   const json& typed, const json& errors, int status) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  auto view = kit::project_view(req, scope, "reports");
  history_view(req, StatusReportStore(*sql, scope.tenant_id()).history(scope.project().id), view);
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  if (scope.may(ProjectRight::kEdit)) view["form"] = form_view(req, scope, providers, typed);
  view["errors"] = errors;
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "status_reports/list", view, {"report_list_title", "projects", status});
}

// The form's fields as the report's input: the areas gathered into one object.
json form_input(const std::map<std::string, std::string>& form) {
  auto field = [&](const std::string& k) { return form.count(k) ? form.at(k) : std::string(); };
  json input = {{"level", field("level")},
                {"title", field("title")},
                {"issued_on", field("issued_on")},
                {"decisions", field("decisions")}};
  json areas = json::object();
  for (const auto& key : kAreas)
    areas[key] = {{"colour", field("area_" + key + "_colour")},
                  {"reason", field("area_" + key + "_reason")}};
  input["areas"] = areas;
  return input;
}

Response issue_from_form(db::Database& db, const Request& req, const SharedProviders& providers) {
  auto form = req.form();
  json typed = json::object();
  for (const auto& [k, v] : form)
    if (k != "_csrf") typed[k] = v;
  return kit::project_form_post(
      db, req, ProjectRight::kEdit,
      [&](const kit::ProjectScope& scope) {
        core::Input input(form_input(form), true);
        auto r = issue(scope, input, *providers);
        return Response::redirect("/projects/" + r.project_id + "/status-reports/" + r.id);
      },
      [&](const kit::FormRefusal& refused) {
        return list_page(db, req, *providers, typed, refused.errors, refused.status);
      });
}

Response report_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto [r, scope] = kit::load_in_project<StatusReport, StatusReportStore>(
      *sql, req, "report", "no status report with id " + req.param("report"));
  auto view = kit::project_view(req, scope, "reports");
  auto doc = report_view(r, scope.project().title, req.locale);
  view["report"] = doc;
  view["body"] = report_body(doc);
  view["css"] = web::render_template("status_reports/print_css", json::object());
  view["id"] = r.id;
  auto previous = StatusReportStore(*sql, scope.tenant_id()).previous(r);
  if (previous) view["previous_id"] = previous->id;
  view["has_previous"] = previous.has_value();
  return web::page(req, "status_reports/show", view, {"report_title", "projects", 200});
}

json compare_rows(const Request& req, const json& cmp) {
  json out = cmp;
  for (auto& a : out["areas"]) {
    a["label"] = web::t(req.locale, "report_area_" + a["key"].get<std::string>());
    for (const char* side : {"before", "after"}) {
      std::string colour = a[side];
      a[std::string(side) + "_label"] =
          colour.empty() ? "–" : web::t(req.locale, "report_colour_" + colour);
    }
  }
  for (auto& k : out["kpis_moved"])
    for (const char* side : {"status_before", "status_after"}) {
      std::string status = k[side];
      k[std::string(side) + "_label"] =
          status.empty() ? "–" : web::t(req.locale, "report_kpi_status_" + status);
    }
  out["has_kpis_moved"] = !out["kpis_moved"].empty();
  out["has_new_overdue"] = !out["new_overdue_actions"].empty();
  return out;
}

Response compare_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  StatusReportStore store(*sql, scope.tenant_id());
  auto in_project = [&](const std::string& param) {
    auto r = store.get(req.query_param(param).value_or(""));
    if (r.project_id != scope.project().id)
      throw core::NotFound("no status report in this project");
    return r;
  };
  auto a = in_project("from"), b = in_project("to");
  bool a_older = std::pair(a.issued_on, a.id) < std::pair(b.issued_on, b.id);
  auto view = kit::project_view(req, scope, "reports");
  view["cmp"] = compare_rows(req, a_older ? compare(a, b) : compare(b, a));
  return web::page(req, "status_reports/compare", view, {"report_compare_title", "projects", 200});
}

}  // namespace

void add_pages(http::Router& router, db::Database& db, Providers providers) {
  auto shared = std::make_shared<const Providers>(std::move(providers));
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/status-reports",
        [shared](db::Database& db, const Request& req) {
          return list_page(db, req, *shared, nullptr, json::object(), 200);
        },
        "The project's status reports and the issue form"},
       {"POST", "/projects/{id}/status-reports",
        [shared](db::Database& db, const Request& req) { return issue_from_form(db, req, shared); },
        "Issue a status report from the form"},
       {"GET", "/projects/{id}/status-reports/compare", compare_page,
        "Two status reports side by side (?from=&to=)"},
       {"GET", "/projects/{id}/status-reports/{report}", report_page, "One status report"}});
}

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto rollup = latest_rollup(scope.sql(), {{scope.tenant_id(), scope.project().id}}, req.locale);
    if (rollup.contains(scope.project().id)) view["report"] = rollup[scope.project().id];
    return web::render_template("status_reports/project_section", view);
  };
}

json latest_rollup(soci::session& sql,
                   const std::vector<std::pair<std::string, std::string>>& projects,
                   const std::string& locale) {
  json out = json::object();
  for (const auto& l : StatusReportStore::latest_of(sql, projects)) {
    json areas = json::array();
    for (const auto& a : l.areas)
      areas.push_back({{"key", a.key},
                       {"label", web::t(locale, "report_area_" + a.key)},
                       {"colour", a.colour},
                       {"colour_label", web::t(locale, "report_colour_" + a.colour)}});
    out[l.project_id] = {{"issued_on", l.issued_on},
                         {"url", "/projects/" + l.project_id + "/status-reports/" + l.report_id},
                         {"areas", areas}};
  }
  return out;
}

}  // namespace status_reports
