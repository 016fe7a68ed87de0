#include "app/demo_kpis.hpp"

#include <vector>

#include "app/demo_people.hpp"
#include "core/time.hpp"
#include "kpis/kpi_store.hpp"

namespace app {
namespace {

constexpr int kBaselineWeeks = 12;
constexpr int kTrialWeeks = 16;

struct DemoKpi {
  kpis::Kpi kpi;               // what differs from a new KPI's defaults
  std::vector<double> values;  // 12 baseline weeks, then 16 trial weeks
};

// Fixed series, so the demo shows the same chart every time: the waiting time drops
// when the trial starts (a shift both rule sets find), the others vary at random.
const std::vector<DemoKpi>& demo_kpis() {
  static const std::vector<DemoKpi> kKpis = {
      {{.name = "Ventedage til første fælles samtale",
        .definition =
            "Kalenderdage fra henvisning til borgerens første samtale med alle involverede.",
        .unit = "dage",
        .direction = "lower",
        .baseline = 21.5,
        .target = 10},
       {22, 19, 24, 20, 23, 18, 21, 25, 20, 22, 19, 23, 15, 14,
        16, 13, 15, 12, 14, 13, 15, 12, 11, 13, 12, 14, 11, 12}},
      {{.name = "Overdragelser pr. borger",
        .definition = "Antal gange sagen skifter sagsbehandler i forløbets første måned.",
        .unit = "antal",
        .direction = "lower",
        .baseline = 5,
        .target = 2},
       {5, 4, 6, 5, 4, 5, 6, 4, 5, 5, 4, 6, 5, 4, 5, 6, 4, 5, 4, 6, 5, 4, 5, 4, 6, 5, 4, 5}},
      {{.name = "Tilfredshed med samarbejdet",
        .definition = "Medarbejdernes svar 1–5 på ugens pulsmåling.",
        .unit = "1–5",
        .baseline = 3.4,
        .target = 4,
        .level = "tactical",
        .category = "work_environment"},
       {3.4, 3.6, 3.2, 3.5, 3.3, 3.6, 3.1, 3.5, 3.4, 3.7, 3.2, 3.4, 3.5, 3.3,
        3.6, 3.2, 3.5, 3.4, 3.6, 3.3, 3.5, 3.2, 3.6, 3.4, 3.3, 3.5, 3.4, 3.6}},
      {{.name = "Sagsbehandlertimer pr. forløb",
        .definition = "Registrerede timer i alle tre forvaltninger pr. afsluttet forløb.",
        .unit = "timer",
        .direction = "lower",
        .baseline = 38,
        .target = 30,
        .level = "tactical",
        .category = "economy"},
       {38, 41, 36, 39, 37, 40, 35, 39, 38, 42, 36, 38, 37, 39,
        36, 40, 38, 35, 39, 37, 38, 36, 40, 37, 39, 36, 38, 37}},
      {{.name = "Borgere med én samlet plan",
        .definition = "Andel af nye forløb med én fælles plan efter fire uger.",
        .unit = "%",
        .baseline = 40,
        .target = 80,
        .level = "strategic",
        .rule_set = "ihi"},
       {38, 42, 43, 39, 36, 41, 44, 40, 37, 38, 43, 42, 41, 39,
        38, 42, 43, 40, 44, 39, 37, 41, 42, 38, 40, 43, 42, 39}},
  };
  return kKpis;
}

}  // namespace

void ensure_demo_kpis(soci::session& sql, const std::string& tenant_id,
                      const std::string& project_id) {
  kpis::KpiStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  auto freq = kpis::Frequency::kWeekly;
  long last_week = *kpis::period_of_date(freq, core::nordic_local_today()) - 1;
  long first = last_week - (kBaselineWeeks + kTrialWeeks) + 1;
  long trial = first + kBaselineWeeks;
  auto owner = DemoPeople(sql, tenant_id).id("Sara Nielsen");
  for (const auto& d : demo_kpis()) {
    kpis::Kpi k = d.kpi;
    k.owner_id = owner;
    auto kpi = store.create(nullptr, project_id, k);
    std::vector<kpis::Measurement> rows;
    for (std::size_t i = 0; i < d.values.size(); ++i)
      rows.push_back({first + static_cast<long>(i), d.values[i]});
    store.push(nullptr, kpi, rows);
    store.add_period(nullptr, kpi, {first, "Baseline", true, trial - 1});
    store.add_period(nullptr, kpi, {trial, "Forsøg", true, std::nullopt});
  }
}

}  // namespace app
