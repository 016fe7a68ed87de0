#pragma once

// A common indicator (issue 18): a definition that belongs to no tenant, in one catalogue
// every tenant reads, so KPIs of different municipalities can be compared on it. An entry
// is never changed: a changed definition would make the values compared before and after
// it different things, so a new definition is a new entry.
#include <optional>
#include <string>
#include <vector>

#include "kit/fields.hpp"
#include "kpis/kpi.hpp"

namespace benchmarks {

inline const std::vector<std::string> kIndicatorFrequencies = {"weekly", "monthly"};
inline const std::vector<std::string> kSources = {"kolada", "flis"};

struct Indicator {
  std::string id;
  std::string name;
  std::string description;
  std::string unit;
  std::string direction = "higher";
  std::string frequency = "weekly";
  std::optional<std::string> source;         // kolada or flis, with external_code
  std::optional<std::string> external_code;  // "N00945"
  std::string created_by_tenant_id;          // kept, never shown to other tenants
  bool mine = false;                         // for the reader: added by their tenant
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// The fields, named once: name and unit required, direction, frequency (weekly or
// monthly), an external code only with its source (upper-cased).
const kit::Fields<Indicator>& indicator_fields();

// The indicator as stored: its external code upper-cased ("n00945" is "N00945").
Indicator normalised(Indicator indicator);

// Whether a KPI may be compared on the indicator: the same unit (ignoring case and spaces
// at the ends), the same direction, and periods on the same line — a weekly indicator
// takes weekly and biweekly KPIs (both count ISO weeks), a monthly one monthly KPIs. The
// reason it does not fit, or nullopt.
std::optional<core::Message> misfit(const Indicator& indicator, const kpis::Kpi& kpi);

// The indicator's period line, for kpis::format_period and parse_period.
kpis::Frequency period_line(const Indicator& indicator);

}  // namespace benchmarks
