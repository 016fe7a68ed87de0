// bench_benchmarks (issue 18, docs/performance.md "Benchmarks"): fills a database through
// the real stores — one common indicator, `--tenants` municipalities opted in with sizes
// across the four groups, each with a project and a weekly KPI on the indicator measured
// for `--weeks` weeks — and times, as GET /api/v1/kpis/{id}/benchmark runs them for the
// first municipality: the one read across tenants (BenchmarkStore::peer_values), the pure
// comparison with its suppression (benchmarks::compare), and the whole BenchmarkStore::of_kpi
// (consent, indicator, own points, the read and the comparison), for "all" and for a size
// group.
//
//   bench_benchmarks --db sqlite:PATH|postgresql://… [--tenants 100] [--weeks 104] [--runs 30]
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "benchmarks/benchmark.hpp"
#include "benchmarks/benchmark_store.hpp"
#include "benchmarks/indicator_store.hpp"
#include "cli.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/method_template.hpp"
#include "projects/project_store.hpp"
#include "tenants/tenant_store.hpp"
#include "timing.hpp"

namespace {

using bench::Stats;
using bench::wall_ms;

constexpr const char* kToday = "2026-12-07";

template <typename F>
Stats timed(int runs, F f) {
  Stats s;
  for (int i = 0; i < runs; ++i) {
    double t = wall_ms();
    f();
    s.v.push_back(wall_ms() - t);
  }
  return s;
}

// The municipalities with their KPI; the first is the one that reads.
struct Seeded {
  std::string indicator;
  std::string viewer;
  kpis::Kpi kpi;
};

Seeded seed(soci::session& sql, int tenants, int weeks) {
  std::string run = core::new_id().substr(16);  // a fresh slug prefix on a reused database
  for (auto& c : run) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Seeded out;
  db::WriteTx tx(sql);
  tenants::TenantStore store(sql);
  long last = *kpis::period_of_date(kpis::Frequency::kWeekly, kToday) - 1;
  long first = last - weeks + 1;
  const auto* tmpl = projects::find_template("kl-workflow");
  for (int t = 0; t < tenants; ++t) {
    auto tenant = store.create(fmt::format("bm-{}-{}", run, t), fmt::format("Kommune {}", t),
                               "municipality", "da");
    // Sizes across the groups: 8,000 … 180,000.
    store.set_benchmarking(tenant.id, true, 8000 + (t * 37 % 100) * 1750);
    if (t == 0) {
      benchmarks::Indicator i;
      i.name = "Ventedage (bench)";
      i.unit = "dage";
      i.direction = "lower";
      out.indicator = benchmarks::IndicatorStore(sql, tenant.id).create(nullptr, i).id;
      out.viewer = tenant.id;
    }
    projects::CharterFields charter;
    charter.title = "Ventetid";
    auto project = projects::ProjectStore(sql, tenant.id).create(nullptr, *tmpl, charter);
    kpis::KpiStore kpis(sql, tenant.id);
    kpis::Kpi k;
    k.name = "Ventedage";
    k.unit = "dage";
    k.direction = "lower";
    k.indicator_id = out.indicator;
    auto kpi = kpis.create(nullptr, project.id, k);
    std::vector<kpis::Measurement> rows;
    for (int w = 0; w < weeks; ++w)
      rows.push_back({first + w, 10.0 + static_cast<double>((t * 13 + w * 7) % 17)});
    kpis.push(nullptr, kpi, rows);
    if (t == 0) out.kpi = kpi;
  }
  tx.commit();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Benchmarks: a KPI against N municipalities over W weeks"};
  std::string db_url;
  int tenants = 100, weeks = 104, runs = 30;
  bench::add_db_option(app, db_url);
  app.add_option("--tenants", tenants, "municipalities, the reader among them");
  app.add_option("--weeks", weeks, "weeks measured by each");
  app.add_option("--runs", runs, "timed runs of each step");
  CLI11_PARSE(app, argc, argv);

  db::Database db(db_url, 1);
  db.migrate();
  auto sql = db.lease();
  double t0 = wall_ms();
  auto seeded = seed(*sql, tenants, weeks);
  std::cout << fmt::format("seeded {} municipalities × {} weeks in {:.0f} ms\n", tenants, weeks,
                           wall_ms() - t0);
  // A database in use has its statistics (autovacuum analyses tables that grew); without
  // them PostgreSQL guesses one row per table and joins the tenants once per measurement.
  if (db_url.rfind("postgres", 0) == 0) db::execute(*sql, "ANALYZE");
  benchmarks::BenchmarkStore store(*sql, seeded.viewer);
  long to = *kpis::period_of_date(kpis::Frequency::kWeekly, kToday);
  long from = to - weeks;
  std::vector<benchmarks::PeerValue> peers;
  auto read = timed(runs, [&] { peers = store.peer_values(seeded.indicator, from, to); });
  std::vector<benchmarks::MyValue> mine;
  for (const auto& p : kpis::KpiStore(*sql, seeded.viewer).points(seeded.kpi.id))
    mine.push_back({p.period, p.value});
  std::size_t shown = 0;
  auto compared = timed(runs, [&] {
    auto rows = benchmarks::compare(mine, peers, seeded.viewer, "all", benchmarks::kMinTenants);
    shown = static_cast<std::size_t>(
        std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.peers.has_value(); }));
  });
  auto whole = timed(runs, [&] { store.of_kpi(seeded.kpi, "all", kToday); });
  auto group = timed(runs, [&] { store.of_kpi(seeded.kpi, "20k_50k", kToday); });
  std::cout << fmt::format("peer rows read: {}; periods shown for \"all\": {}\n", peers.size(),
                           shown);
  std::cout << "peer_values (the read across tenants): " << read.text() << "\n";
  std::cout << "compare (per-tenant medians, suppression, quartiles): " << compared.text() << "\n";
  std::cout << "of_kpi, \"all\" (everything the API does but writing JSON): " << whole.text()
            << "\n";
  std::cout << "of_kpi, \"20k_50k\": " << group.text() << "\n";
  return 0;
}
