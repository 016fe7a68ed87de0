#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"

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
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// Parsed fields of a create or a patch; absent fields stay nullopt.
struct KpiFields {
  std::optional<std::string> name, definition, unit, direction, frequency, level, category,
      rule_set;
  std::optional<std::optional<double>> baseline, target;
  std::optional<std::optional<std::string>> start_period, owner_id, map_id, element_id;
};

KpiFields parse_kpi(core::Input& input, bool creating);
// Applies fields and checks the combination (a biweekly KPI needs a start week).
Kpi apply_fields(Kpi kpi, const KpiFields& fields);
nlohmann::json to_json(const Kpi& kpi);

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
