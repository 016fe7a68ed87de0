#include "app/demo_kpis.hpp"

#include <vector>

#include "core/time.hpp"
#include "kpis/kpi_store.hpp"

namespace app {
namespace {

constexpr int kBaselineWeeks = 12;
constexpr int kTrialWeeks = 16;

struct DemoKpi {
  const char* name;
  const char* definition;
  const char* unit;
  const char* direction;
  const char* level;
  const char* category;
  const char* rule_set;
  double baseline;
  double target;
  std::vector<double> values;  // 12 baseline weeks, then 16 trial weeks
};

// Fixed series, so the demo shows the same chart every time: the waiting time drops
// when the trial starts (a shift both rule sets find), the others vary at random.
const std::vector<DemoKpi>& demo_kpis() {
  static const std::vector<DemoKpi> kKpis = {
      {"Ventedage til første fælles samtale",
       "Kalenderdage fra henvisning til borgerens første samtale med alle involverede.",
       "dage",
       "lower",
       "operational",
       "citizen_quality",
       "anhoej",
       21.5,
       10,
       {22, 19, 24, 20, 23, 18, 21, 25, 20, 22, 19, 23, 15, 14,
        16, 13, 15, 12, 14, 13, 15, 12, 11, 13, 12, 14, 11, 12}},
      {"Overdragelser pr. borger",
       "Antal gange sagen skifter sagsbehandler i forløbets første måned.",
       "antal",
       "lower",
       "operational",
       "citizen_quality",
       "anhoej",
       5,
       2,
       {5, 4, 6, 5, 4, 5, 6, 4, 5, 5, 4, 6, 5, 4, 5, 6, 4, 5, 4, 6, 5, 4, 5, 4, 6, 5, 4, 5}},
      {"Tilfredshed med samarbejdet",
       "Medarbejdernes svar 1–5 på ugens pulsmåling.",
       "1–5",
       "higher",
       "tactical",
       "work_environment",
       "anhoej",
       3.4,
       4,
       {3.4, 3.6, 3.2, 3.5, 3.3, 3.6, 3.1, 3.5, 3.4, 3.7, 3.2, 3.4, 3.5, 3.3,
        3.6, 3.2, 3.5, 3.4, 3.6, 3.3, 3.5, 3.2, 3.6, 3.4, 3.3, 3.5, 3.4, 3.6}},
      {"Sagsbehandlertimer pr. forløb",
       "Registrerede timer i alle tre forvaltninger pr. afsluttet forløb.",
       "timer",
       "lower",
       "tactical",
       "economy",
       "anhoej",
       38,
       30,
       {38, 41, 36, 39, 37, 40, 35, 39, 38, 42, 36, 38, 37, 39,
        36, 40, 38, 35, 39, 37, 38, 36, 40, 37, 39, 36, 38, 37}},
      {"Borgere med én samlet plan",
       "Andel af nye forløb med én fælles plan efter fire uger.",
       "%",
       "higher",
       "strategic",
       "citizen_quality",
       "ihi",
       40,
       80,
       {38, 42, 43, 39, 36, 41, 44, 40, 37, 38, 43, 42, 41, 39,
        38, 42, 43, 40, 44, 39, 37, 41, 42, 38, 40, 43, 42, 39}},
  };
  return kKpis;
}

std::optional<std::string> person_named(soci::session& sql, const std::string& tenant_id,
                                        const std::string& name) {
  std::string id;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM people WHERE tenant_id = :tenant_id AND name = :name",
      soci::use(tenant_id, "tenant_id"), soci::use(name, "name"), soci::into(id, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return id;
}

}  // namespace

void ensure_demo_kpis(soci::session& sql, const std::string& tenant_id,
                      const std::string& project_id) {
  kpis::KpiStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  auto freq = kpis::Frequency::kWeekly;
  long last_week = *kpis::period_of_date(freq, core::now_iso().substr(0, 10)) - 1;
  long first = last_week - (kBaselineWeeks + kTrialWeeks) + 1;
  long trial = first + kBaselineWeeks;
  auto owner = person_named(sql, tenant_id, "Sara Nielsen");
  for (const auto& d : demo_kpis()) {
    kpis::Kpi k;
    k.name = d.name;
    k.definition = d.definition;
    k.unit = d.unit;
    k.direction = d.direction;
    k.frequency = "weekly";
    k.level = d.level;
    k.category = d.category;
    k.rule_set = d.rule_set;
    k.baseline = d.baseline;
    k.target = d.target;
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
