#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "benchmarks/benchmark.hpp"
#include "benchmarks/indicator.hpp"
#include "db/tenant_scoped.hpp"
#include "kpis/kpi.hpp"

namespace benchmarks {

// A KPI's comparison as the API and the KPI page show it.
struct Benchmark {
  Indicator indicator;
  std::string group;     // of kGroups
  std::string my_group;  // the reader's size group, "" when its inhabitants are not given
  std::vector<PeriodComparison> periods;
};

// The one read across tenants (D40): the other opted-in tenants' measurements of KPIs on
// an indicator, which only the pure comparison (benchmark.hpp) sees before anything is
// shown. `tenant_id` is the reader's, whose own rows are never read as the others'.
class BenchmarkStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // Whether the reader's municipality takes part in benchmarks.
  bool opted_in();
  // The others' values in periods from..to (ordinals of the indicator's line), one row per
  // KPI and period, with each tenant's size group.
  std::vector<PeerValue> peer_values(const std::string& indicator_id, long from, long to);

  // The comparison of the reader's `kpi` for `group`, from the KPI's first measurement (or
  // 25 periods back) up to the period of `today` ("YYYY-MM-DD"). Forbidden when the reader
  // has not opted in, ValidationError "indicator_id" when the KPI names no indicator,
  // "group" when it is not one of kGroups.
  Benchmark of_kpi(const kpis::Kpi& kpi, const std::string& group, const std::string& today,
                   int k = kMinTenants);
  // The reader's size group ("" when not given).
  std::string my_group();
};

}  // namespace benchmarks
