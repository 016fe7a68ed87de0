#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kpis/kpi.hpp"
#include "kpis/kpi_store.hpp"
#include "kpis/run_chart.hpp"
#include "projects/project_scope.hpp"

namespace kpis {

// Whether the KPI has missed its last period: no measurement for the latest grid
// period that ended before `today` ("YYYY-MM-DD"), nor any later one.
bool is_due(const Kpi& kpi, const std::vector<ChartPoint>& points, const std::string& today);

// A KPI's run chart as a typed result, for other features (the kaizen agenda, KPI lists):
// the periods and signals of its rule set, and whether a measurement is due.
struct KpiChart {
  ChartResult result;
  bool due = false;
};
KpiChart evaluate_chart(const Kpi& kpi, const std::vector<ChartPoint>& points,
                        const std::vector<StoredPeriod>& periods, const std::string& today);

// A KPI of a project with its points and its evaluated chart, as lists and summaries read it.
struct KpiStanding {
  Kpi kpi;
  std::vector<ChartPoint> points;
  KpiChart chart;
};
// The project's KPIs by name, each evaluated for `today`: three queries whatever the count.
std::vector<KpiStanding> project_standings(KpiStore& store, const std::string& project_id,
                                           const std::string& today);
// The same, read once per request (the KPI section and the benefits both show them).
const std::vector<KpiStanding>& project_standings(const projects::ProjectScope& scope);

// GET /api/v1/kpis/{id}/chart: points, periods with medians, limits, signals.
nlohmann::json chart_json(const Kpi& kpi, const std::vector<ChartPoint>& points,
                          const std::vector<StoredPeriod>& periods, const std::string& today);

// The same document serialised for the API: the points, the bulk of a long chart,
// are written directly (nlohmann::json objects per point cost ten times the rules).
std::string chart_body(const Kpi& kpi, const std::vector<ChartPoint>& points,
                       const std::vector<StoredPeriod>& periods, const std::string& today);
// The same from a chart evaluated already (a page that shows it as text too).
std::string chart_body(const Kpi& kpi, const std::vector<ChartPoint>& points,
                       const std::vector<StoredPeriod>& periods, const KpiChart& chart);

}  // namespace kpis
