#include "app/demo_benchmarks.hpp"

#include <vector>

#include "benchmarks/indicator_store.hpp"
#include "core/time.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_store.hpp"
#include "tenants/tenant_store.hpp"

namespace app {
namespace {

constexpr const char* kSource = "kolada";
constexpr const char* kCode = "N99901";
constexpr const char* kDemoKpi = "Ventedage til første fælles samtale";
constexpr long long kDemoInhabitants = 58000;
constexpr int kWeeks = 28;

struct Neighbour {
  const char* slug;
  const char* name;
  long long inhabitants;
  double level;      // its usual waiting days
  int first_week;    // of the 28, when it began measuring
  int missed_every;  // a week it skipped now and then (0: none)
};

// Five of the demo's size (50,000–100,000) and one smaller: "all" is shown, the demo's own
// group would single the small one out and is withheld. C skips weeks and F starts late, so
// a few early weeks have fewer than five and are withheld too.
constexpr Neighbour kNeighbours[] = {
    {"demo-nabo-a", "Nabokommune A", 52000, 17, 0, 0},
    {"demo-nabo-b", "Nabokommune B", 61000, 23, 0, 0},
    {"demo-nabo-c", "Nabokommune C", 74000, 14, 0, 4},
    {"demo-nabo-d", "Nabokommune D", 88000, 19, 0, 0},
    {"demo-nabo-e", "Nabokommune E", 55000, 26, 0, 0},
    {"demo-nabo-f", "Nabokommune F", 23000, 12, 6, 0},
};

std::string ensure_indicator(soci::session& sql, const std::string& tenant_id) {
  benchmarks::IndicatorStore store(sql, tenant_id);
  for (const auto& i : store.all())
    if (i.source == kSource && i.external_code == kCode) return i.id;
  benchmarks::Indicator i;
  i.name = "Ventedage til første fælles samtale på tværs af forvaltninger (eksempel)";
  i.description =
      "Kalenderdage fra henvisning til borgerens første samtale med alle involverede "
      "forvaltninger. Eksempel til demoen: koden N99901 er opfundet og findes ikke i Kolada.";
  i.unit = "dage";
  i.direction = "lower";
  i.frequency = "weekly";
  i.source = kSource;
  i.external_code = kCode;
  return store.create(nullptr, i).id;
}

// A fixed, plausible series: the neighbour's level with a small weekly wobble and a slow
// improvement, the same every time the demo runs.
std::vector<kpis::Measurement> series(const Neighbour& n, long first) {
  std::vector<kpis::Measurement> rows;
  for (int w = n.first_week; w < kWeeks; ++w) {
    if (n.missed_every > 0 && w % n.missed_every == 3 && w < 12) continue;
    double wobble = static_cast<double>((w * 7 + static_cast<int>(n.level) * 3) % 5) - 2;
    double value = n.level + wobble - 0.1 * w;
    rows.push_back({first + w, value < 1 ? 1 : value});
  }
  return rows;
}

void ensure_neighbour(soci::session& sql, const Neighbour& n, const std::string& indicator,
                      long first) {
  tenants::TenantStore tenants(sql);
  if (tenants.find_by_slug(n.slug)) return;
  auto t = tenants.create(n.slug, n.name, "municipality", "da");
  tenants.set_benchmarking(t.id, true, n.inhabitants);
  projects::CharterFields charter;
  charter.title = "Hurtigere til første fælles samtale";
  const auto* tmpl = projects::find_template("kl-workflow");
  auto project = projects::ProjectStore(sql, t.id).create(nullptr, *tmpl, charter);
  kpis::KpiStore kpis(sql, t.id);
  kpis::Kpi k;
  k.name = "Ventedage til første samtale";
  k.unit = "dage";
  k.direction = "lower";
  k.indicator_id = indicator;
  auto kpi = kpis.create(nullptr, project.id, k);
  kpis.push(nullptr, kpi, series(n, first));
}

}  // namespace

void ensure_demo_benchmarks(soci::session& sql, const std::string& tenant_id,
                            const std::string& project_id) {
  auto indicator = ensure_indicator(sql, tenant_id);
  tenants::TenantStore tenants(sql);
  auto demo = tenants.find(tenant_id);
  if (demo && !demo->benchmark_opt_in) tenants.set_benchmarking(tenant_id, true, kDemoInhabitants);
  kpis::KpiStore kpis(sql, tenant_id);
  for (auto k : kpis.of_project(project_id)) {
    if (k.name != kDemoKpi || k.indicator_id) continue;
    k.indicator_id = indicator;
    kpis.update(nullptr, k, k.version);
  }
  // The same 28 weeks as the demo's KPIs (demo_kpis.cpp): up to last week.
  long last_week = *kpis::period_of_date(kpis::Frequency::kWeekly, core::nordic_local_today()) - 1;
  long first = last_week - kWeeks + 1;
  for (const auto& n : kNeighbours) ensure_neighbour(sql, n, indicator, first);
}

}  // namespace app
