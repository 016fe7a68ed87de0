// Run-chart timing (docs/performance.md, "KPIs and run charts"): the chart JSON with
// rule evaluation for a KPI with 10,000 points, and a bulk push of 100,000
// measurements into a fresh SQLite database.
//
//   build/bench/bench_kpi_chart [--points 10000] [--push 100000] [--runs 50]
#include "kpis/kpi_chart.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "kpis/kpi_store.hpp"
#include "tenants/tenant_store.hpp"

namespace {

// The thread's CPU time: the development machine is shared, and wall-clock figures there
// mostly measure the other processes. Without contention the two agree (the work is
// single-threaded and does not wait: SQLite reads a warm page cache).
struct Clock {
  using time_point = double;  // milliseconds
  static time_point now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  }
};

double ms_since(Clock::time_point start) { return Clock::now() - start; }

// A deterministic series with a level shift in the middle, so the rules find work.
double value_at(long i, long n) {
  double wave = std::sin(static_cast<double>(i) * 0.7) * 3 + std::cos(static_cast<double>(i) * 1.3);
  return (i < n / 2 ? 20.0 : 16.0) + wave;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"KPI run-chart benchmark"};
  long points = 10000, push = 100000;
  int runs = 50;
  app.add_option("--points", points, "points on the chart");
  app.add_option("--push", push, "measurements in the bulk push");
  app.add_option("--runs", runs, "chart evaluations to take the median of");
  CLI11_PARSE(app, argc, argv);

  auto dir = std::filesystem::temp_directory_path() / ("fremdrift-kpi-bench-" + core::new_id());
  std::filesystem::create_directories(dir);
  db::Database db("sqlite://" + (dir / "bench.db").string(), 1);
  db.migrate();
  auto sql = db.lease();
  auto tenant = tenants::TenantStore(*sql).create("kpi-bench", "KPI Bench", "municipality", "da");
  std::string project = core::new_id(), now = core::now_iso();
  *sql << "INSERT INTO projects (tenant_id, id, title, template_key, phase_key, status, "
          "success_criteria, result_goals, created_at, updated_at) VALUES (:t, :id, 'Bench', "
          "'kl-workflow', 'trial', 'green', '[]', '[]', :c, :u)",
      soci::use(tenant.id, "t"), soci::use(project, "id"), soci::use(now, "c"), soci::use(now, "u");
  kpis::KpiStore store(*sql, tenant.id);

  // Bulk push on SQLite, through the store (one transaction, as the API does).
  kpis::Kpi fields;
  fields.name = "Bulk";
  auto bulk = store.create(nullptr, project, fields);
  std::vector<kpis::Measurement> rows;
  for (long i = 0; i < push; ++i) rows.push_back({i, value_at(i, push)});
  auto start = Clock::now();
  auto result = store.push(nullptr, bulk, rows);
  double push_ms = ms_since(start);

  // The chart: read the points and periods, evaluate, build the JSON.
  fields.name = "Chart";
  auto kpi = store.create(nullptr, project, fields);
  rows.resize(static_cast<std::size_t>(points));
  store.push(nullptr, kpi, rows);
  store.add_period(nullptr, kpi, {0, "Baseline", true, 11});
  store.add_period(nullptr, kpi, {points / 2, "Trial", true, std::nullopt});
  std::vector<double> pure, with_db, rules, read;
  std::size_t signals = 0;
  for (int r = 0; r < runs; ++r) {
    start = Clock::now();
    auto pts = store.points(kpi.id);
    auto periods = store.periods(kpi.id);
    read.push_back(ms_since(start));
    auto t0 = Clock::now();
    std::string body = kpis::chart_body(kpi, pts, periods, "2026-11-23");
    pure.push_back(ms_since(t0));
    with_db.push_back(ms_since(start));
    std::vector<kpis::ChartSplit> splits;
    for (const auto& p : periods) splits.push_back(p.split);
    t0 = Clock::now();
    auto evaluated = kpis::evaluate(pts, splits, kpis::RuleSet::kAnhoej);
    rules.push_back(ms_since(t0));

    signals = evaluated.signals.size();
  }
  auto median = [](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf(
      "chart with %ld points: rules + JSON %.2f ms (rules alone %.2f ms), with the SQLite "
      "read %.2f ms (the read alone %.2f ms) (median of %d; %zu signals; %zu bytes)\n",
      points, median(pure), median(rules), median(with_db), median(read), runs, signals,
      kpis::chart_body(kpi, store.points(kpi.id), store.periods(kpi.id), "2026-11-23").size());
  std::printf("bulk push of %ld measurements on SQLite: %.0f ms (%d created)\n", push, push_ms,
              result.created);
  std::filesystem::remove_all(dir);
  return 0;
}
