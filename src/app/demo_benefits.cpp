#include "app/demo_benefits.hpp"

#include <optional>
#include <set>
#include <utility>

#include "app/demo_people.hpp"
#include "benefits/benefit_store.hpp"
#include "core/time.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_input.hpp"
#include "projects/role_store.hpp"

namespace app {
namespace {

struct DemoBenefit {
  benefits::Benefit benefit;  // what differs from a new benefit's defaults
  int due_in_days = 0;        // the target date, from today
  const char* kpi = nullptr;  // the linked KPI's name
};

std::vector<DemoBenefit> demo_benefits() {
  const std::vector<std::string> plan = {"Fælles plan for borgeren", "Fælles opstartsmøde"};
  return {
      {{.title = "Kortere ventetid til første fælles samtale",
        .category = "citizen_quality",
        .baseline = 21.5,
        .target = 10,
        .unit = "dage",
        .deliverables = {"Fælles visitationsmøde hver uge", "Fælles opstartsmøde"},
        .changes = {"Borgeren mødes samlet af alle involverede", "Én indgang for henvisninger"}},
       90,
       "Ventedage til første fælles samtale"},
      {{.title = "Borgeren fortæller sin historie én gang",
        .category = "citizen_quality",
        .deliverables = plan,
        .changes = {"Borgeren mødes samlet af alle involverede", "Én plan deles af alle"}},
       -20,
       nullptr},
      {{.title = "Bedre samarbejde på tværs af enhederne",
        .category = "work_environment",
        .baseline = 3.4,
        .target = 4,
        .unit = "1–5",
        .deliverables = {"Kaizenmøder hver 14. dag", "Fælles opstartsmøde"},
        .changes = {"Faste kontaktpersoner i hver enhed"}},
       120,
       "Tilfredshed med samarbejdet"},
      {{.title = "Færre sagsbehandlertimer pr. forløb",
        .category = "economy",
        .baseline = 38,
        .target = 30,
        .unit = "timer",
        .deliverables = {"Fælles plan for borgeren"},
        .changes = {"Én plan deles af alle", "Færre overdragelser mellem sagsbehandlere"}},
       -10,
       "Sagsbehandlertimer pr. forløb"},
  };
}

void ensure_benefit_roles(soci::session& sql, const std::string& tenant_id,
                          const std::string& project_id) {
  projects::RoleStore roles(sql, tenant_id);
  std::set<std::pair<std::string, std::string>> held;
  for (const auto& h : roles.holders(project_id)) held.insert({h.person_id, h.role});
  const DemoPeople people(sql, tenant_id);
  for (const auto& [name, role] : {std::pair{"Maria Thomsen", "benefit_responsible"},
                                   std::pair{"Sara Nielsen", "benefit_leader"}}) {
    auto id = people.id(name);
    if (id && held.count({*id, role}) == 0) roles.add(nullptr, project_id, *id, role);
  }
}

}  // namespace

void ensure_demo_benefits(soci::session& sql, const std::string& tenant_id,
                          const std::string& project_id) {
  benefits::BenefitStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  ensure_benefit_roles(sql, tenant_id, project_id);
  std::string today = core::nordic_local_today();
  auto kpis = kpis::KpiStore(sql, tenant_id).of_project(project_id);
  for (const auto& d : demo_benefits()) {
    auto b = store.with_role_defaults(d.benefit, project_id);
    b.target_date = core::plus_days(today, d.due_in_days);
    for (const auto& k : kpis)
      if (d.kpi && k.name == d.kpi) b.kpi_ids.push_back(k.id);
    auto stored = store.create(nullptr, project_id, b);
    if (d.kpi) continue;
    // The benefit without a KPI was judged at the last steering-group meeting.
    store.judge(nullptr, stored,
                {"realised",
                 "Alle nye forløb siden juni har én fælles plan, og borgerpanelet bekræfter, at "
                 "de ikke længere skal gentage deres historie.",
                 core::plus_days(today, -14), projects::decision_body("steering_group")},
                stored.version);
  }
}

}  // namespace app
