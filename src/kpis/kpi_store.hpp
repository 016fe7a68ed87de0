#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/events.hpp"
#include "db/tenant_scoped.hpp"
#include "kpis/kpi.hpp"
#include "kpis/run_chart.hpp"
#include "projects/project.hpp"

namespace kpis {

// A stored split of a KPI's run chart.
struct StoredPeriod {
  std::string id;
  ChartSplit split;
  std::string start;                        // period text
  std::optional<std::string> freeze_until;  // period text
};

nlohmann::json to_json(const StoredPeriod& p);

// The run-chart rows of a project's KPIs, by KPI id (a KPI without any has no entry).
struct ProjectCharts {
  std::map<std::string, std::vector<ChartPoint>> points;
  std::map<std::string, std::vector<StoredPeriod>> periods;
};

struct PushResult {
  int created = 0;
  int updated = 0;
};

class KpiStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // A KPI of the project with the fields of `kpi` (kpi_fields() has checked them); a
  // ValidationError when its owner is not a person of the tenant.
  Kpi create(const core::AuthContext* who, const std::string& project_id, const Kpi& kpi);
  // The project's KPIs by name, each with its latest measurement.
  std::vector<Kpi> of_project(const std::string& project_id);
  std::vector<Kpi> of_project(const projects::CheckedProject& project);  // not checked again
  Kpi get(const std::string& id);  // with its latest measurement; NotFound outside the tenant
  // Through kit::versioned_update; the frequency and start week stay once measured.
  Kpi update(const core::AuthContext* who, const Kpi& changed, long long expected_version);

  // Upserts one measurement per period, all in one transaction; a period already
  // stored is updated and counted as such.
  PushResult push(const core::AuthContext* who, const Kpi& kpi,
                  const std::vector<Measurement>& rows);
  std::vector<ChartPoint> points(const std::string& kpi_id);
  // The period ordinals stored for the KPI (an import's create or update).
  std::set<long> stored_periods(const std::string& kpi_id);
  std::optional<LastValue> last(const std::string& kpi_id);  // NotFound outside the tenant

  std::vector<StoredPeriod> periods(const std::string& kpi_id);
  ProjectCharts charts_of_project(const std::string& project_id);
  // The project's KPIs that have no baseline yet (id and name only), by name.
  std::vector<Kpi> without_baseline(const std::string& project_id);
  StoredPeriod add_period(const core::AuthContext* who, const Kpi& kpi,
                          const ChartPeriodInput& input);
  void remove_period(const core::AuthContext* who, const Kpi& kpi, const std::string& period_id);

 private:
  void check_owner(const Kpi& kpi);
  // ValidationError when the frequency or start week changes on a measured KPI.
  void check_period_kept(const Kpi& before, const Kpi& after);
};

// A KPI is about to be created or changed, published inside the write before the row is
// written; benchmarks checks its indicator there (a ValidationError refuses the write).
using KpiSaved = db::Written<Kpi>;
db::Event<KpiSaved>& kpi_saved();

// Measurements of a KPI were stored (typed in, pushed or imported), published inside the
// write; adoption and the wins log subscribe (src/app/app.cpp).
using MeasurementsStored = db::Written<Kpi>;
db::Event<MeasurementsStored>& measurements_stored();

}  // namespace kpis
