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

KpiFields parse_kpi(core::Input& input, bool creating) {
  KpiFields f;
  auto text = [&](const std::string& field, std::size_t max, bool required) {
    std::optional<std::string> v;
    if (required || (input.has(field) && !input.is_null(field)))
      v = input.required_text(field, max);
    return v;
  };
  auto opt_text = [&](const std::string& field) -> std::optional<std::optional<std::string>> {
    if (!input.has(field)) return std::nullopt;
    auto v = input.optional_text(field);
    if (!v || v->empty()) return std::optional<std::string>{};
    return v;
  };
  auto choice = [&](const std::string& field, const std::vector<std::string>& allowed) {
    std::optional<std::string> v;
    if (input.has(field)) v = input.optional_choice(field, allowed);
    return v;
  };
  f.name = text("name", core::kNameMax, creating);
  f.definition =
      input.has("definition") ? input.optional_text("definition", kDefinitionMax) : std::nullopt;
  f.unit = input.has("unit") ? input.optional_text("unit", 40) : std::nullopt;
  f.direction = choice("direction", kDirections);
  f.frequency = choice("frequency", kFrequencies);
  f.level = choice("level", kLevels);
  f.category = choice("category", kCategories);
  f.rule_set = choice("rule_set", kRuleSets);
  if (input.has("baseline")) f.baseline = input.optional_number("baseline");
  if (input.has("target")) f.target = input.optional_number("target");
  f.start_period = opt_text("start_period");
  f.owner_id = opt_text("owner_id");
  f.map_id = opt_text("map_id");
  f.element_id = opt_text("element_id");
  return f;
}

Kpi apply_fields(Kpi k, const KpiFields& f) {
  if (f.name) k.name = *f.name;
  if (f.definition) k.definition = *f.definition;
  if (f.unit) k.unit = *f.unit;
  if (f.direction) k.direction = *f.direction;
  if (f.frequency) k.frequency = *f.frequency;
  if (f.level) k.level = *f.level;
  if (f.category) k.category = *f.category;
  if (f.rule_set) k.rule_set = *f.rule_set;
  if (f.baseline) k.baseline = *f.baseline;
  if (f.target) k.target = *f.target;
  if (f.start_period) k.start_period = *f.start_period;
  if (f.owner_id) k.owner_id = *f.owner_id;
  if (f.map_id) k.map_id = *f.map_id;
  if (f.element_id) k.element_id = *f.element_id;
  auto freq = frequency_of(k.frequency);
  if (k.start_period) {
    auto p = parse_period(freq, *k.start_period);
    if (!p) throw core::ValidationError("start_period", "is not a period of the KPI's frequency");
    k.start_period = format_period(freq, *p);
  } else if (freq == Frequency::kBiweekly) {
    throw core::ValidationError("start_period", "a biweekly KPI needs the week it starts");
  }
  if (k.element_id && !k.map_id) throw core::ValidationError("map_id", "a map step needs its map");
  return k;
}

json to_json(const Kpi& k) {
  auto opt = [](const auto& v) { return v ? json(*v) : json(); };
  return {{"id", k.id},
          {"project_id", k.project_id},
          {"name", k.name},
          {"definition", k.definition},
          {"unit", k.unit},
          {"direction", k.direction},
          {"baseline", opt(k.baseline)},
          {"target", opt(k.target)},
          {"frequency", k.frequency},
          {"start_period", opt(k.start_period)},
          {"level", k.level},
          {"category", k.category},
          {"owner_id", opt(k.owner_id)},
          {"map_id", opt(k.map_id)},
          {"element_id", opt(k.element_id)},
          {"rule_set", k.rule_set},
          {"version", k.version},
          {"created_at", k.created_at},
          {"updated_at", k.updated_at}};
}

std::vector<Measurement> parse_measurements(const Kpi& kpi, const json& rows) {
  if (!rows.is_array()) throw core::ValidationError("measurements", "must be a list");
  if (rows.empty()) throw core::ValidationError("measurements", "is empty");
  auto freq = frequency_of(kpi.frequency);
  std::optional<long> start;
  if (kpi.start_period) start = parse_period(freq, *kpi.start_period);
  std::map<std::string, std::string> errors;
  std::map<long, double> by_period;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    std::string at = std::to_string(i) + ".";
    if (!row.is_object()) {
      errors[at + "period"] = "must be an object with period and value";
      continue;
    }
    std::optional<long> period;
    if (!row.contains("period") || !row["period"].is_string()) {
      errors[at + "period"] = "is required";
    } else {
      std::string text = row["period"].get<std::string>();
      period = parse_period(freq, text);
      if (!period) {
        errors[at + "period"] = text + " is not a " + kpi.frequency + " period";
      } else if (!on_grid(freq, *period, start)) {
        errors[at + "period"] = text + " is not on the KPI's every-second-week grid";
        period.reset();
      }
    }
    std::optional<double> value;
    if (!row.contains("value") || row["value"].is_null()) {
      errors[at + "value"] = "is required";
    } else if (!row["value"].is_number()) {
      errors[at + "value"] = "must be a number";
    } else {
      double v = row["value"].get<double>();
      if (!std::isfinite(v) || std::fabs(v) > kValueLimit)
        errors[at + "value"] = "is out of range";
      else
        value = v;
    }
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
  if (!s) throw core::ValidationError("start", start + " is not a " + kpi.frequency + " period");
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
