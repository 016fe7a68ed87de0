// The demo project's work packages, budget and actuals (issue 15). Dates are set around the
// day the demo is loaded: the project is nine months in, half-way.
#include "app/demo_work_packages.hpp"

#include <array>
#include <cstdio>

#include "app/demo_people.hpp"
#include "core/time.hpp"
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

}  // namespace

void ensure_demo_work_packages(soci::session& sql, const std::string& tenant_id,
                               const std::string& project_id) {
  work_packages::WorkPackageStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  const DemoPeople people(sql, tenant_id);
  const std::string first = month_start(core::nordic_local_today(), -9);
  std::string previous;
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
    previous = store.create(nullptr, project_id, wp).id;
  }
}

}  // namespace app
