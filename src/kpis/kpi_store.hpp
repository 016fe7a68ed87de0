#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/events.hpp"
#include "kpis/kpi.hpp"
#include "kpis/run_chart.hpp"

namespace kpis {

// A stored split of a KPI's run chart.
struct StoredPeriod {
  std::string id;
  ChartSplit split;
  std::string start;                        // period text
  std::optional<std::string> freeze_until;  // period text
};

nlohmann::json to_json(const StoredPeriod& p);

struct PushResult {
  int created = 0;
  int updated = 0;
};

// The latest measurement of a KPI, for lists.
struct LastValue {
  std::string period;
  double value = 0;
  long period_index = 0;
};

class KpiStore {
 public:
  KpiStore(soci::session& sql, std::string tenant_id)
      : sql_(sql), tenant_id_(std::move(tenant_id)) {}

  Kpi create(const core::AuthContext* who, const std::string& project_id, const KpiFields& fields);
  std::vector<Kpi> of_project(const std::string& project_id);
  Kpi get(const std::string& id);  // NotFound when not in this tenant
  Kpi update(const core::AuthContext* who, const std::string& id, long long expected_version,
             const KpiFields& fields);

  // Upserts one measurement per period, all in one transaction; a period already
  // stored is updated and counted as such.
  PushResult push(const core::AuthContext* who, const Kpi& kpi,
                  const std::vector<Measurement>& rows);
  std::vector<ChartPoint> points(const std::string& kpi_id);
  // The period ordinals stored for the KPI (an import's create or update).
  std::set<long> stored_periods(const std::string& kpi_id);
  std::optional<LastValue> last(const std::string& kpi_id);

  std::vector<StoredPeriod> periods(const std::string& kpi_id);
  StoredPeriod add_period(const core::AuthContext* who, const Kpi& kpi,
                          const ChartPeriodInput& input);
  void remove_period(const core::AuthContext* who, const Kpi& kpi, const std::string& period_id);

 private:
  void check_owner(const Kpi& kpi);
  soci::session& sql_;
  std::string tenant_id_;
};

// Measurements of a KPI were stored (typed in, pushed or imported), published inside the
// write; adoption and the wins log subscribe (src/app/app.cpp).
struct MeasurementsStored {
  std::string tenant_id;
  const core::AuthContext* who = nullptr;
  Kpi kpi;
};
db::Event<MeasurementsStored>& measurements_stored();

}  // namespace kpis
