// The demo project's work packages, budget and actuals (issue 15). Dates are set around the
// day the demo is loaded: the project is nine months in, half-way.
#include "app/demo_work_packages.hpp"

#include <array>
#include <cstdio>

#include "app/demo_people.hpp"
#include "core/time.hpp"
#include "work_packages/actual_store.hpp"
#include "work_packages/budget_store.hpp"
#include "work_packages/rate_card.hpp"
#include "work_packages/work_package_store.hpp"

namespace app {
namespace {

struct DemoPackage {
  const char* title;
  const char* goal;
  const char* deliverable;
  int first_month;  // months after the project's first month
  int last_month;
  const char* status;
  const char* responsible;
};

constexpr std::array<DemoPackage, 3> kPackages = {{
    {"AP1 Kortlægning og analyse",
     "Et fælles billede af forløbet i dag: ventetider, overleveringer og spild",
     "Nuværende procesdiagram, baseline for ventetiden og en analyse af årsagerne", 0, 5, "done",
     "Camilla Skov"},
    {"AP2 Ny arbejdsgang og pilot",
     "Den koordinerende sagsbehandler og den fælles plan afprøvet i ét team",
     "Fremtidigt procesdiagram, pilotevaluering og en justeret arbejdsgang", 4, 12, "in_progress",
     "Niels Madsen"},
    {"AP3 Udbredelse og forankring", "Den nye arbejdsgang i alle teams, målt og fulgt op i driften",
     "Udbredelsesplan, oplæring af alle teams og en driftsaftale for målingerne", 10, 17, "planned",
     "Lene Holm"},
}};

// The first day of the month `months` after (or before) the month of `date`.
std::string month_start(const std::string& date, int months) {
  int y = std::stoi(date.substr(0, 4));
  int m = std::stoi(date.substr(5, 2)) - 1 + months;
  y += m >= 0 ? m / 12 : (m - 11) / 12;
  m = ((m % 12) + 12) % 12;
  char out[11];
  std::snprintf(out, sizeof out, "%04d-%02d-01", y, m + 1);
  return out;
}

constexpr const char* kFund = "Fonden for Sammenhængende Velfærd";
// What each package spent of its plan in the first nine months, in per mille: AP2 runs over.
constexpr std::array<long long, 3> kSpentPerMille = {960, 1120, 1000};

void ensure_rates(soci::session& sql, const std::string& tenant_id) {
  work_packages::RateCardStore card(sql, tenant_id);
  if (!card.all().empty()) return;
  for (const auto& [role, rate] :
       {std::pair{"project_leader", 65000LL}, std::pair{"project_group", 52000LL},
        std::pair{"head_of_service", 70000LL}}) {
    work_packages::HourlyRate r;
    r.role = role;
    r.rate = rate;
    card.create(nullptr, r);
  }
}

// Per year the package runs in: 20 hours of the project leader and 60 of the project group a
// month, 4.000 kr. of other costs a month; the pilot buys a subcontractor the first year.
work_packages::Budget demo_budget(const work_packages::WorkPackage& wp, bool pilot) {
  work_packages::Budget b;
  const int first_year = std::stoi(wp.start.substr(0, 4)),
            last_year = std::stoi(wp.end.substr(0, 4));
  for (int y = first_year; y <= last_year; ++y) {
    const int from = y == first_year ? std::stoi(wp.start.substr(5, 2)) : 1;
    const int to = y == last_year ? std::stoi(wp.end.substr(5, 2)) : 12;
    const long long months = to - from + 1;
    work_packages::BudgetLine leader{.year = y, .role = "project_leader", .hours = 2000 * months};
    work_packages::BudgetLine group{.year = y,
                                    .role = "project_group",
                                    .hours = 6000 * months,
                                    .subcontractors = pilot && y == first_year ? 4500000 : 0,
                                    .other = 400000 * months};
    b.lines.push_back(leader);
    b.lines.push_back(group);
  }
  b.financing = {{"grant", std::string(kFund), 3000}, {"in_kind", std::nullopt, 7000}};
  return b;
}

}  // namespace

void ensure_demo_work_packages(soci::session& sql, const std::string& tenant_id,
                               const std::string& project_id) {
  work_packages::WorkPackageStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  const DemoPeople people(sql, tenant_id);
  const std::string first = month_start(core::nordic_local_today(), -9);
  std::string previous;
  std::vector<work_packages::WorkPackage> made;
  for (const auto& d : kPackages) {
    work_packages::WorkPackage wp;
    wp.title = d.title;
    wp.goal = d.goal;
    wp.deliverable = d.deliverable;
    wp.start = month_start(first, d.first_month);
    wp.end = core::plus_days(month_start(first, d.last_month + 1), -1);
    wp.status = d.status;
    wp.responsible_id = people.id(d.responsible);
    if (!previous.empty()) wp.depends_on = {previous};
    made.push_back(store.create(nullptr, project_id, wp));
    previous = made.back().id;
  }
  ensure_rates(sql, tenant_id);
  work_packages::BudgetStore budgets(sql, tenant_id);
  work_packages::ActualStore actuals(sql, tenant_id);
  for (std::size_t i = 0; i < made.size(); ++i) {
    auto budget = budgets.put(nullptr, made[i], demo_budget(made[i], i == 1), std::nullopt);
    // The first nine months: each month the package ran, its share of that year's plan.
    for (int m = 0; m < 9; ++m) {
      const std::string month = month_start(first, m);
      if (month < made[i].start.substr(0, 8) + "01" || month > made[i].end) continue;
      const long long year = std::stoll(month.substr(0, 4));
      long long months = 0;
      for (int k = 1; k <= 12; ++k) {
        char day[11];
        std::snprintf(day, sizeof day, "%04lld-%02d-01", year, k);
        if (std::string(day) >= made[i].start.substr(0, 8) + "01" &&
            std::string(day) <= made[i].end)
          ++months;
      }
      work_packages::Actual a;
      a.work_package_id = made[i].id;
      a.date = month.substr(0, 8) + "25";
      a.kind = "personnel";
      a.amount = work_packages::year_total(budget, year) / months * kSpentPerMille[i] / 1000;
      a.note = "Timeregistrering og udgifter " + month.substr(0, 7);
      actuals.create(nullptr, project_id, a);
    }
  }
}

}  // namespace app
