#include "app/demo_business_case.hpp"

#include "business_case/business_case_store.hpp"
#include "core/time.hpp"
#include "tenants/tenant_store.hpp"

namespace app {
namespace {

constexpr double kDemoHourPrice = 450;  // DKK, a caseworker's hour with overhead
constexpr long long kDay = 24 * 60 * 60;

// Year 0: 180,000 DKK of IT changes and training + 400 hours of project time;
// years 1-5: 40,000 DKK of licences + 100 hours of coordination a year, against hours
// saved in casework (300, 400, then 450 a year) and fewer external placements.
// At 450 DKK an hour: net -360,000, 110,000, 175,000, 207,500, … → cumulative
// -360,000, -250,000, -75,000, 132,500: it pays back in year 3.
std::vector<business_case::YearRow> estimate(double licences, double year_two_hours) {
  std::vector<business_case::YearRow> rows(6);
  rows[0].one_off_costs = 180000;
  rows[0].one_off_cost_hours = 400;
  const double saved_hours[] = {0, 300, year_two_hours, 450, 450, 450};
  const double placements[] = {0, 60000, 80000, 90000, 90000, 90000};
  for (int y = 0; y < 6; ++y) {
    rows[y].year = y;
    if (y == 0) continue;
    rows[y].running_costs = licences;
    rows[y].running_cost_hours = 100;
    rows[y].running_benefit_hours = saved_hours[y];
    rows[y].running_benefits = placements[y];
  }
  return rows;
}

void ensure_hour_price(soci::session& sql, const std::string& tenant_id) {
  tenants::TenantStore tenants(sql);
  auto tenant = tenants.find(tenant_id);
  if (!tenant || tenant->hour_price) return;
  core::AuthContext system;
  system.tenant_id = tenant_id;
  system.name = "system";
  tenants::Tenant changed = *tenant;
  changed.hour_price = kDemoHourPrice;
  tenants.update_settings(system, tenant->version, changed);
}

}  // namespace

void ensure_demo_business_case(soci::session& sql, const std::string& tenant_id,
                               const std::string& project_id) {
  ensure_hour_price(sql, tenant_id);
  business_case::BusinessCaseStore store(sql, tenant_id);
  auto bc = store.current(project_id);
  if (bc.version != 0) return;
  bc.horizon = 5;
  bc.currency = "DKK";
  bc.note =
      "Gevinsterne er sparede timer i sagsbehandlingen (færre dobbelte samtaler) og færre "
      "eksterne anbringelser, når planen er fælles.";
  bc.rows = estimate(40000, 400);
  bc = store.save(nullptr, project_id, bc, 0);
  projects::GateDecision decision{
      .text = "Styregruppen godkender business casen: investeringen er tjent hjem i år 3.",
      .decided_on = core::iso_plus_seconds(-28 * kDay).substr(0, 10),
      .decided_by = "Styregruppen"};
  store.approve(nullptr, project_id, decision, bc.version);
  // The re-estimate after the trial: licences cost more and the second year's gains come
  // slower; it still pays back in year 3.
  bc.rows = estimate(55000, 350);
  store.save(nullptr, project_id, bc, bc.version);
}

}  // namespace app
