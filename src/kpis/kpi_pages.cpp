// The KPI pages: what their parts share, and their routes.
#include "kpis/kpi_pages.hpp"

#include <cstdio>

#include "core/errors.hpp"
#include "kit/resource.hpp"
#include "kpis/kpi_store.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"

namespace kpis {

std::string kpi_url(const Kpi& k) { return "/projects/" + k.project_id + "/kpis/" + k.id; }

std::pair<Kpi, kit::ProjectScope> kpi_in_project(soci::session& sql, const Request& req) {
  return kit::load_in_project<Kpi, KpiStore>(sql, req, "kpi", "KPI not found");
}

std::string number_text(const std::string& locale, double v) {
  return web::format_number(locale, v, 10);
}

std::string shown(const Request& req, double v) { return web::format_number(req.locale, v, 6); }

namespace {

using Handler = Response (*)(soci::session&, const KpiHooks&, const Request&);

struct PageRoute {
  const char* method;
  const char* path;
  Handler handler;
  const char* summary;
};

constexpr PageRoute kRoutes[] = {
    {"GET", "/projects/{id}/kpis", list_page, "The project's KPIs"},
    {"GET", "/projects/{id}/kpis/new", form_page, "Create a KPI"},
    {"POST", "/projects/{id}/kpis", save_kpi, "Create a KPI from the form"},
    {"GET", "/projects/{id}/kpis/{kpi}", show_kpi,
     "A KPI: run chart, table, signals, week grid and chart periods"},
    {"GET", "/projects/{id}/kpis/{kpi}/edit", form_page, "Change a KPI"},
    {"POST", "/projects/{id}/kpis/{kpi}/edit", save_kpi, "Change a KPI from the form"},
    {"POST", "/projects/{id}/kpis/{kpi}/measurements", save_grid, "Save the week grid"},
    {"POST", "/projects/{id}/kpis/{kpi}/import", import_file,
     "Preview a CSV or XLSX file of measurements, then import it"},
    {"POST", "/projects/{id}/kpis/{kpi}/periods", add_period, "Split or freeze the chart"},
    {"POST", "/projects/{id}/kpis/{kpi}/periods/{period}/delete", remove_period,
     "Remove a chart period"},
};

}  // namespace

void add_pages(http::Router& router, db::Database& db, KpiHooks hooks) {
  for (const auto& route : kRoutes)
    router.add({route.method,
                route.path,
                http::Access::kAuthenticated,
                [&db, hooks, handler = route.handler](Request& req) {
                  auto sql = db.lease();
                  return handler(*sql, hooks, req);
                },
                {route.summary, "web"}});
}

}  // namespace kpis
