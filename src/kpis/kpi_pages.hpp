#pragma once

// What the KPI pages share: loading a KPI of the project in the address, numbers as
// typed and as shown, and the KPI page, which the week grid, the import and the chart
// periods show again with what the user typed.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "http/request.hpp"
#include "kit/scope.hpp"
#include "kpis/kpi.hpp"
#include "kpis/kpi_import.hpp"
#include "kpis/kpi_routes.hpp"
#include "kpis/run_chart.hpp"

namespace kpis {

// The page files' vocabulary.
using http::Request;
using http::Response;
using kit::ProjectRight;
using nlohmann::json;

std::string kpi_url(const Kpi& k);
// The KPI in the address ({kpi}) with the caller's scope in its project; NotFound unless
// it belongs to the project in the address ({id}).
std::pair<Kpi, kit::ProjectScope> kpi_in_project(soci::session& sql, const http::Request& req);

// In a form field: the value to type over, with the reader's decimal mark (the parser
// takes both marks), every decimal kept.
std::string number_text(const std::string& locale, double v);
// On the page: with the reader's decimal mark ("12,5" in Danish and Swedish).
std::string shown(const http::Request& req, double v);

// What a refused post on the KPI page shows again.
struct PageState {
  nlohmann::json grid_typed = nlohmann::json::object();   // period → typed text
  nlohmann::json grid_errors = nlohmann::json::object();  // period → message
  nlohmann::json period_form = nlohmann::json::object();
  nlohmann::json period_errors = nlohmann::json::object();
  std::vector<MeasurementImportRow> import_rows;  // a previewed import
  bool import_previewed = false;
  nlohmann::json import_errors = nlohmann::json::object();  // the file or its header
  std::string grid_end;  // the grid's last period when paged back (?grid_end=2026-W12)
};

// GET /projects/{id}/kpis/{kpi}: the facts, the run chart with its text alternative, the
// week grid, the import and the chart periods.
http::Response kpi_page(soci::session& sql, const KpiHooks& hooks, const http::Request& req,
                        const PageState& state, int status);
// The week grid's and the import's parts of the KPI page.
nlohmann::json grid_cells(const Kpi& k, const std::vector<ChartPoint>& points,
                          const PageState& state, const std::string& today,
                          const std::string& locale);
// Links to page the grid back and forth by its width: {earlier, later (none at today),
// end}; the grid reaches back to the first measurement and beyond.
nlohmann::json grid_paging(const Kpi& k, const PageState& state, const std::string& today);
void add_import_view(nlohmann::json& view, const http::Request& req, const PageState& state);

// The pages' handlers, each given one leased session, which also shows a page again
// after a refused post; kpi_pages.cpp registers them.
http::Response list_page(soci::session& sql, const KpiHooks& hooks, const http::Request& req);
http::Response form_page(soci::session& sql, const KpiHooks& hooks, const http::Request& req);
http::Response save_kpi(soci::session& sql, const KpiHooks& hooks, const http::Request& req);
http::Response show_kpi(soci::session& sql, const KpiHooks& hooks, const http::Request& req);
http::Response add_period(soci::session& sql, const KpiHooks& hooks, const http::Request& req);
http::Response remove_period(soci::session& sql, const KpiHooks& hooks, const http::Request& req);
http::Response save_grid(soci::session& sql, const KpiHooks& hooks, const http::Request& req);
http::Response import_file(soci::session& sql, const KpiHooks& hooks, const http::Request& req);

}  // namespace kpis
