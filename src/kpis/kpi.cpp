#include "kpis/kpi.hpp"

#include <charconv>
#include <cmath>
#include <map>

#include "core/errors.hpp"
#include "core/time.hpp"

namespace kpis {
namespace {

using nlohmann::json;

constexpr long kEpochMonday = 4;  // 1970-01-05 in days since 1970-01-01
constexpr std::size_t kDefinitionMax = 4000;
constexpr std::size_t kUnitMax = 40;
constexpr double kValueLimit = 1e12;

long floor_div(long a, long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

using core::days_from_civil;
using core::weekday_mon0;

int year_of_days(long days) { return core::civil_from_days(days).year; }

std::optional<int> number(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

struct Date {
  int y, m, d;
};

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = number(s.substr(0, 4)), m = number(s.substr(5, 2)), d = number(s.substr(8, 2));
  if (!y || !m || !d || *y < 1900 || *y > 2999 || *m < 1 || *m > 12) return std::nullopt;
  if (*d < 1 || *d > days_in_month(*y, *m)) return std::nullopt;
  return Date{*y, *m, *d};
}

long week_of_days(long days) { return floor_div(days - weekday_mon0(days) - kEpochMonday, 7); }

}  // namespace

Frequency frequency_of(std::string_view name) {
  if (name == "biweekly") return Frequency::kBiweekly;
  if (name == "monthly") return Frequency::kMonthly;
  return Frequency::kWeekly;
}

int iso_weeks_in_year(int year) {
  int jan1 = weekday_mon0(days_from_civil(year, 1, 1));
  return jan1 == 3 || (jan1 == 2 && leap(year)) ? 53 : 52;
}

std::optional<long> parse_period(Frequency f, std::string_view text) {
  if (auto date = parse_date(text)) {
    if (f == Frequency::kMonthly) return date->y * 12L + date->m - 1;
    return week_of_days(days_from_civil(date->y, date->m, date->d));
  }
  if (f == Frequency::kMonthly) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    auto y = number(text.substr(0, 4)), m = number(text.substr(5, 2));
    if (!y || !m || *y < 1900 || *y > 2999 || *m < 1 || *m > 12) return std::nullopt;
    return *y * 12L + *m - 1;
  }
  if (text.size() < 7 || text.size() > 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w'))
    return std::nullopt;
  auto y = number(text.substr(0, 4)), w = number(text.substr(6));
  if (!y || !w || *y < 1900 || *y > 2999 || *w < 1 || *w > iso_weeks_in_year(*y))
    return std::nullopt;
  long jan4 = days_from_civil(*y, 1, 4);
  long monday = jan4 - weekday_mon0(jan4) + (*w - 1) * 7L;
  return floor_div(monday - kEpochMonday, 7);
}

std::string format_period(Frequency f, long ordinal) {
  char buf[16];
  if (f == Frequency::kMonthly) {
    std::snprintf(buf, sizeof buf, "%04ld-%02ld", floor_div(ordinal, 12),
                  ordinal - floor_div(ordinal, 12) * 12 + 1);
    return buf;
  }
  long thursday = ordinal * 7 + kEpochMonday + 3;
  int year = year_of_days(thursday);
  long week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
  std::snprintf(buf, sizeof buf, "%04d-W%02ld", year, week);
  return buf;
}

bool on_grid(Frequency f, long ordinal, std::optional<long> start) {
  if (f != Frequency::kBiweekly || !start) return true;
  return ((ordinal - *start) % 2 + 2) % 2 == 0;
}

long step(Frequency f) { return f == Frequency::kBiweekly ? 2 : 1; }

std::optional<long> period_of_date(Frequency f, std::string_view date) {
  return parse_period(f, date.substr(0, 10));
}

const kit::Fields<Kpi>& kpi_fields() {
  static const kit::Fields<Kpi> fields =
      kit::Fields<Kpi>()
          .id(&Kpi::id)
          .parent(&Kpi::project_id)
          .text("name", &Kpi::name, {.required = true})
          .text("definition", &Kpi::definition, {.max = kDefinitionMax})
          .text("unit", &Kpi::unit, {.max = kUnitMax})
          .choice("direction", &Kpi::direction, kDirections)
          .number("baseline", &Kpi::baseline)
          .number("target", &Kpi::target)
          .choice("frequency", &Kpi::frequency, kFrequencies)
          .optional_text("start_period", &Kpi::start_period,
                         {.describe = "biweekly: the ISO week the every-second-week grid starts"})
          .choice("level", &Kpi::level, kLevels)
          .choice("category", &Kpi::category, kCategories)
          .optional_text("owner_id", &Kpi::owner_id)
          .optional_text("map_id", &Kpi::map_id)
          .optional_text("element_id", &Kpi::element_id)
          .choice("rule_set", &Kpi::rule_set, kRuleSets)
          .optional_text("indicator_id", &Kpi::indicator_id,
                         {.describe = "the common indicator (/api/v1/indicators) the KPI is "
                                      "compared on; its unit, direction and frequency must fit"})
          .stamps()
          .computed(
              "last", {{"type", {"object", "null"}}, {"description", "the latest measurement"}},
              [](const Kpi& k) {
                return k.last ? json{{"period", k.last->period}, {"value", k.last->value}} : json();
              })
          .computed("due", {{"type", "boolean"}, {"description", "a measurement is missing"}},
                    [](const Kpi& k) { return k.due; })
          // Rules across fields, once every field reads well; the first broken one is named.
          .check([](const Kpi& k, core::Input& in) {
            if (!in.ok()) return;
            auto freq = frequency_of(k.frequency);
            if (k.start_period && !parse_period(freq, *k.start_period))
              in.fail("start_period", "is not a period of the KPI's frequency");
            else if (!k.start_period && freq == Frequency::kBiweekly)
              in.fail("start_period", "a biweekly KPI needs the week it starts");
            else if (k.element_id && !k.map_id)
              in.fail("map_id", core::Message{"err.kpi_step_needs_map"});
          });
  return fields;
}

json to_json(const Kpi& k) { return kpi_fields().to_json(k); }

json stored_json(const Kpi& k) {
  json j = to_json(k);
  j.erase("last");
  j.erase("due");
  return j;
}

Kpi normalised(Kpi k) {
  auto freq = frequency_of(k.frequency);
  if (k.start_period)
    if (auto p = parse_period(freq, *k.start_period)) k.start_period = format_period(freq, *p);
  return k;
}

bool is_due(const Kpi& kpi, std::optional<long> last_period, const std::string& today) {
  auto freq = frequency_of(kpi.frequency);
  auto current = period_of_date(freq, today);
  if (!current) return false;
  std::optional<long> start;
  if (kpi.start_period) start = parse_period(freq, *kpi.start_period);
  long last = *current - 1;
  while (!on_grid(freq, last, start)) --last;
  return !last_period || *last_period < last;
}

Kpi with_due(Kpi k, const std::string& today) {
  k.due = is_due(k, k.last ? std::optional(k.last->period_index) : std::nullopt, today);
  return k;
}

namespace {

// A pushed row's period on the KPI's grid; nullopt with `error` set when it is not one.
std::optional<long> row_period(const Kpi& kpi, std::optional<long> start, const json& row,
                               std::string& error) {
  if (!row.contains("period") || !row["period"].is_string()) {
    error = "is required";
    return std::nullopt;
  }
  auto freq = frequency_of(kpi.frequency);
  std::string text = row["period"].get<std::string>();
  auto period = parse_period(freq, text);
  if (!period) {
    error = text + " is not a " + kpi.frequency + " period";
  } else if (!on_grid(freq, *period, start)) {
    error = text + " is not on the KPI's every-second-week grid";
    period.reset();
  }
  return period;
}

// A pushed row's value; nullopt with `error` set when it is not a usable number.
std::optional<double> row_value(const json& row, std::string& error) {
  if (!row.contains("value") || row["value"].is_null()) {
    error = "is required";
  } else if (!row["value"].is_number()) {
    error = "must be a number";
  } else if (double v = row["value"].get<double>();
             !std::isfinite(v) || std::fabs(v) > kValueLimit) {
    error = "is out of range";
  } else {
    return v;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Measurement> parse_measurements(const Kpi& kpi, const json& rows) {
  if (!rows.is_array()) throw core::ValidationError("measurements", "must be a list");
  if (rows.empty()) throw core::ValidationError("measurements", "is empty");
  std::optional<long> start;
  if (kpi.start_period) start = parse_period(frequency_of(kpi.frequency), *kpi.start_period);
  std::map<std::string, std::string> errors;
  std::map<long, double> by_period;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string at = std::to_string(i) + ".";
    if (!rows[i].is_object()) {
      errors[at + "period"] = "must be an object with period and value";
      continue;
    }
    std::string period_error, value_error;
    auto period = row_period(kpi, start, rows[i], period_error);
    auto value = row_value(rows[i], value_error);
    if (!period_error.empty()) errors[at + "period"] = period_error;
    if (!value_error.empty()) errors[at + "value"] = value_error;
    if (period && value) by_period[*period] = *value;
  }
  if (!errors.empty()) throw core::ValidationError(errors);
  std::vector<Measurement> out;
  out.reserve(by_period.size());
  for (const auto& [p, v] : by_period) out.push_back({p, v});
  return out;
}

ChartPeriodInput parse_chart_period(const Kpi& kpi, core::Input& input) {
  auto freq = frequency_of(kpi.frequency);
  ChartPeriodInput p;
  std::string start = input.required_text("start", 20);
  p.label = input.required_text("label", 80);
  p.frozen = input.optional_bool("frozen").value_or(false);
  auto until = input.optional_text("freeze_until", 20);
  input.check();
  auto s = parse_period(freq, start);
  if (!s)
    throw core::ValidationError(
        "start", core::Message{"err.not_period_" + kpi.frequency, {{"period", start}}});
  p.start = *s;
  if (until && !until->empty()) {
    auto u = parse_period(freq, *until);
    if (!u || *u < p.start)
      throw core::ValidationError("freeze_until", "must be a period on or after the start");
    p.freeze_until = *u;
    p.frozen = true;
  }
  return p;
}

}  // namespace kpis
