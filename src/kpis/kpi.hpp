#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "kit/fields.hpp"

namespace kpis {

// How often a KPI is measured. Periods are ordinals on one line per frequency:
// weekly and biweekly count ISO weeks (days since 1970-01-05, a Monday, / 7),
// monthly counts months (year * 12 + month - 1). Ordinals sort and subtract.
enum class Frequency { kWeekly, kBiweekly, kMonthly };

inline const std::vector<std::string> kFrequencies = {"weekly", "biweekly", "monthly"};
inline const std::vector<std::string> kDirections = {"higher", "lower"};
inline const std::vector<std::string> kLevels = {"operational", "tactical", "strategic"};
inline const std::vector<std::string> kCategories = {"citizen_quality", "work_environment",
                                                     "economy"};
inline const std::vector<std::string> kRuleSets = {"anhoej", "ihi"};

Frequency frequency_of(std::string_view name);  // unknown → weekly

// "2026-W14" (or a date, normalised to its ISO week) for weekly and biweekly,
// "2026-04" (or a date, normalised to its month) for monthly. nullopt when not a
// period: week 53 exists only in long ISO years.
std::optional<long> parse_period(Frequency f, std::string_view text);
std::string format_period(Frequency f, long ordinal);
// ISO weeks in a year: 53 when 1 January is a Thursday, or a Wednesday in a leap year.
int iso_weeks_in_year(int year);

// Whether `ordinal` lies on the KPI's grid. Biweekly KPIs are measured every second
// ISO week counted from their start week (before and after it).
bool on_grid(Frequency f, long ordinal, std::optional<long> start);

// The period before `ordinal` on the grid; the period that contains `today` (a
// weekly or monthly ordinal computed from a date) is "current".
long step(Frequency f);

// Today's period ordinal for the frequency, from a date "YYYY-MM-DD".
std::optional<long> period_of_date(Frequency f, std::string_view date);

// The latest measurement of a KPI, for lists.
struct LastValue {
  std::string period;
  double value = 0;
  long period_index = 0;
};

struct Kpi {
  std::string id;
  std::string project_id;
  std::string name;
  std::string definition;
  std::string unit;
  std::string direction = "higher";
  std::optional<double> baseline;
  std::optional<double> target;
  std::string frequency = "weekly";
  std::optional<std::string> start_period;  // biweekly: the week the grid is aligned to
  std::string level = "operational";
  std::string category = "citizen_quality";
  std::optional<std::string> owner_id;
  std::optional<std::string> map_id;
  std::optional<std::string> element_id;
  std::string rule_set = "anhoej";
  // The common indicator the KPI is compared on (benchmarks), if any.
  std::optional<std::string> indicator_id;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  // Read with the KPI, not stored in it: its latest measurement (KpiStore), and whether
  // one is due by the reader's calendar (with_due).
  std::optional<LastValue> last;
  bool due = false;
};

// The KPI's fields, named once (kit/fields.hpp): name (required), choices with their
// defaults, numbers with a decimal comma or point, and the rules across fields (a
// biweekly KPI needs the week it starts, a map step needs its map).
const kit::Fields<Kpi>& kpi_fields();
// The KPI as the API writes it: its fields with `last` and `due`.
nlohmann::json to_json(const Kpi& kpi);
// The KPI as stored, for audit entries and the current object of a 409.
nlohmann::json stored_json(const Kpi& kpi);
// The start period in its canonical text ("2026-04-01" → "2026-W14"); the field table
// has checked it is one.
Kpi normalised(Kpi kpi);
// Whether the KPI has missed its last period: no measurement for the latest grid period
// that ended before `today` ("YYYY-MM-DD"), nor any later one (`last_period`: the newest).
bool is_due(const Kpi& kpi, std::optional<long> last_period, const std::string& today);
// `kpi` with `due` for the reader's `today` ("YYYY-MM-DD"), from its `last` value.
Kpi with_due(Kpi kpi, const std::string& today);

struct Measurement {
  long period = 0;
  double value = 0;
};

// Parses a bulk push: a JSON array of {"period", "value"}. Every bad row is named
// ("3.period", "0.value"); nothing is returned unless every row is good. A period
// twice in one array keeps the last value.
std::vector<Measurement> parse_measurements(const Kpi& kpi, const nlohmann::json& rows);

// A split of the run chart: from `start` until the next split.
struct ChartPeriodInput {
  long start = 0;
  std::string label;
  bool frozen = false;
  std::optional<long> freeze_until;
};
ChartPeriodInput parse_chart_period(const Kpi& kpi, core::Input& input);

}  // namespace kpis
