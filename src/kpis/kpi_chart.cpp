#include "kpis/kpi_chart.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string_view>

namespace kpis {
namespace {

using nlohmann::json;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(); }

}  // namespace

KpiChart evaluate_chart(const Kpi& kpi, const std::vector<ChartPoint>& points,
                        const std::vector<StoredPeriod>& stored, const std::string& today) {
  std::vector<ChartSplit> splits;
  splits.reserve(stored.size());
  for (const auto& p : stored) splits.push_back(p.split);
  auto rules = kpi.rule_set == "ihi" ? RuleSet::kIhi : RuleSet::kAnhoej;
  return {evaluate(points, splits, rules), is_due(kpi, points, today)};
}

namespace {

std::vector<KpiStanding> standings_of(KpiStore& store, std::vector<Kpi> kpis,
                                      const std::string& project_id, const std::string& today) {
  std::vector<KpiStanding> out;
  if (kpis.empty()) return out;
  auto charts = store.charts_of_project(project_id);
  for (auto& k : kpis) {
    auto points = std::move(charts.points[k.id]);
    auto chart = evaluate_chart(k, points, charts.periods[k.id], today);
    out.push_back({std::move(k), std::move(points), std::move(chart)});
  }
  return out;
}

}  // namespace

std::vector<KpiStanding> project_standings(KpiStore& store, const std::string& project_id,
                                           const std::string& today) {
  return standings_of(store, store.of_project(project_id), project_id, today);
}

const std::vector<KpiStanding>& project_standings(const projects::ProjectScope& scope) {
  return scope.remember<std::vector<KpiStanding>>("kpis.standings", [&] {
    KpiStore store(scope.sql(), scope.tenant_id());
    return standings_of(store, store.of_project(scope.checked()), scope.project().id,
                        scope.who().today());
  });
}

bool is_due(const Kpi& kpi, const std::vector<ChartPoint>& points, const std::string& today) {
  return is_due(kpi, points.empty() ? std::nullopt : std::optional(points.back().period), today);
}

namespace {

json chart_without_points(const Kpi& kpi, const std::vector<ChartPoint>& points,
                          const std::vector<StoredPeriod>& stored, const std::string& today);

}  // namespace

json chart_json(const Kpi& kpi, const std::vector<ChartPoint>& points,
                const std::vector<StoredPeriod>& stored, const std::string& today) {
  json chart = chart_without_points(kpi, points, stored, today);
  auto freq = frequency_of(kpi.frequency);
  json pts = json::array();
  for (const auto& p : points)
    pts.push_back({{"period", format_period(freq, p.period)},
                   {"value", p.value},
                   {"period_index", p.period}});
  chart["points"] = std::move(pts);
  return chart;
}

namespace {

// The document written straight into one string, in the key order nlohmann::json
// (sorted keys) gives chart_json: a json value per point, per signal point and per
// label cost more than the rules. Strings and the few non-point numbers go through
// nlohmann's serialiser so they read the same; the points' values use to_chars.
class Writer {
 public:
  explicit Writer(std::size_t reserve) { out_.reserve(reserve); }
  Writer& raw(std::string_view s) {
    out_.append(s);
    return *this;
  }
  Writer& key(std::string_view k) {
    out_ += '"';
    out_.append(k);
    out_ += "\":";
    return *this;
  }
  Writer& text(const std::string& s) {
    bool plain = true;
    for (char c : s) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') {
        plain = false;
        break;
      }
    }
    if (plain) {
      out_ += '"';
      out_ += s;
      out_ += '"';
    } else {
      out_ += json(s).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    return *this;
  }
  Writer& number(const std::optional<double>& v) {
    out_ += v ? json(*v).dump() : "null";
    return *this;
  }
  Writer& integer(long long v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, end);
    return *this;
  }
  Writer& boolean(bool v) {
    out_ += v ? "true" : "false";
    return *this;
  }
  Writer& shortest(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, ec == std::errc{} ? end : buf);
    return *this;
  }
  Writer& period(Frequency f, long ordinal) {
    char buf[16];
    out_ += '"';
    out_.append(buf, period_label(f, ordinal, buf));
    out_ += '"';
    return *this;
  }
  // {"period":"2026-W14","value":12.5,"period_index":2883}, built on the stack and
  // appended once: the points are nearly all of a long chart's bytes.
  Writer& point(Frequency f, const ChartPoint& p, bool first) {
    char buf[128];
    char* at = buf;
    auto put = [&at](std::string_view s) {
      std::memcpy(at, s.data(), s.size());
      at += s.size();
    };
    put(first ? "{\"period\":\"" : ",{\"period\":\"");
    at += period_label(f, p.period, at);
    put("\",\"value\":");
    auto [end, ec] = std::to_chars(at, buf + 80, p.value);
    if (ec == std::errc{}) at = end;
    put(",\"period_index\":");
    at = std::to_chars(at, buf + sizeof buf - 1, p.period).ptr;
    *at++ = '}';
    out_.append(buf, static_cast<std::size_t>(at - buf));
    return *this;
  }
  // 1,2,3 — a signal's point indexes.
  Writer& indexes(const std::vector<std::size_t>& v) {
    char buf[32];
    for (std::size_t j = 0; j < v.size(); ++j) {
      char* at = buf;
      if (j) *at++ = ',';
      at = std::to_chars(at, buf + sizeof buf, v[j]).ptr;
      out_.append(buf, static_cast<std::size_t>(at - buf));
    }
    return *this;
  }
  std::string take() { return std::move(out_); }

  // "2026-W14" or "2026-04" into buf (at least 10 chars); returns the length. The
  // same text as format_period without snprintf, which dominates 10,000 labels.
  static std::size_t period_label(Frequency f, long ordinal, char* buf) {
    long year, second;
    if (f == Frequency::kMonthly) {
      year = ordinal >= 0 ? ordinal / 12 : -((-ordinal + 11) / 12);
      second = ordinal - year * 12 + 1;
    } else {
      // The ISO week's Thursday decides its year (kpi.cpp: ordinal 0 is 1970-01-05).
      long thursday = ordinal * 7 + 4 + 3;
      year = civil_year(thursday);
      second = (thursday - days_from_jan1(year)) / 7 + 1;
    }
    if (year < 0 || year > 9999) {
      std::string text = format_period(f, ordinal);
      std::memcpy(buf, text.data(), std::min<std::size_t>(text.size(), 15));
      return std::min<std::size_t>(text.size(), 15);
    }
    std::size_t n = 0;
    buf[n++] = static_cast<char>('0' + year / 1000);
    buf[n++] = static_cast<char>('0' + year / 100 % 10);
    buf[n++] = static_cast<char>('0' + year / 10 % 10);
    buf[n++] = static_cast<char>('0' + year % 10);
    buf[n++] = '-';
    if (f != Frequency::kMonthly) buf[n++] = 'W';
    buf[n++] = static_cast<char>('0' + second / 10);
    buf[n++] = static_cast<char>('0' + second % 10);
    return n;
  }

 private:
  static long floor_div(long a, long b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }
  // Proleptic Gregorian year of a day count since 1970-01-01 (civil_from_days).
  static long civil_year(long days) {
    days += 719468;
    long era = floor_div(days, 146097);
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    return yoe + era * 400 + (mp >= 10 ? 1 : 0);
  }
  // Days since 1970-01-01 of 1 January of `year`.
  static long days_from_jan1(long year) {
    long y = year - 1;
    long era = floor_div(y, 400);
    long yoe = y - era * 400;
    long doy = 306;  // 1 January counted from 1 March of the year before
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
  std::string out_;
};

}  // namespace

std::string chart_body(const Kpi& kpi, const std::vector<ChartPoint>& points,
                       const std::vector<StoredPeriod>& stored, const std::string& today) {
  return chart_body(kpi, points, stored, evaluate_chart(kpi, points, stored, today));
}

std::string chart_body(const Kpi& kpi, const std::vector<ChartPoint>& points,
                       const std::vector<StoredPeriod>& stored, const KpiChart& chart) {
  auto freq = frequency_of(kpi.frequency);
  auto rules = kpi.rule_set == "ihi" ? RuleSet::kIhi : RuleSet::kAnhoej;
  const auto& result = chart.result;
  std::size_t signal_points = 0;
  for (const auto& s : result.signals) signal_points += s.points.size();
  Writer w(1024 + points.size() * 56 + signal_points * 6 + result.periods.size() * 400);
  w.raw("{").key("baseline").number(kpi.baseline);
  w.raw(",").key("direction").text(kpi.direction);
  w.raw(",").key("due").boolean(chart.due);
  w.raw(",").key("frequency").text(kpi.frequency);
  w.raw(",").key("kpi_id").text(kpi.id);
  w.raw(",").key("limits").raw("[");
  if (rules == RuleSet::kIhi) {
    for (std::size_t i = 0; i < result.periods.size(); ++i) {
      const auto& p = result.periods[i];
      w.raw(i ? ",{" : "{").key("lower").number(p.lower_limit);
      w.raw(",").key("start").period(freq, p.start);
      w.raw(",").key("upper").number(p.upper_limit).raw("}");
    }
  }
  w.raw("],").key("median");
  if (result.periods.empty()) {
    w.raw("null");
  } else {
    w.number(result.periods.back().median);
  }
  w.raw(",").key("min_useful_points").integer(kMinUsefulPoints);
  w.raw(",").key("name").text(kpi.name);
  w.raw(",").key("periods").raw("[");
  for (std::size_t i = 0; i < result.periods.size(); ++i) {
    const auto& p = result.periods[i];
    w.raw(i ? ",{" : "{").key("crossings").integer(p.crossings);
    w.raw(",").key("crossings_limit").integer(p.crossings_limit);
    w.raw(",").key("first_point").integer(static_cast<long long>(p.first));
    w.raw(",").key("freeze_until");
    if (p.freeze_until) {
      w.period(freq, *p.freeze_until);
    } else {
      w.raw("null");
    }
    w.raw(",").key("frozen").boolean(p.frozen);
    const std::string* id = nullptr;
    for (const auto& s : stored)
      if (s.split.start == p.start) id = &s.id;
    if (id) w.raw(",").key("id").text(*id);
    w.raw(",").key("label").text(p.label);
    w.raw(",").key("longest_run").integer(p.longest_run);
    w.raw(",").key("longest_run_limit").integer(p.run_limit);
    w.raw(",").key("lower_limit").number(p.lower_limit);
    w.raw(",").key("median").number(p.median);
    w.raw(",").key("point_count").integer(static_cast<long long>(p.count));
    w.raw(",").key("start").period(freq, p.start);
    w.raw(",").key("upper_limit").number(p.upper_limit);
    w.raw(",").key("useful_points").integer(p.useful).raw("}");
  }
  w.raw("],").key("points").raw("[");
  for (std::size_t i = 0; i < points.size(); ++i) w.point(freq, points[i], i == 0);
  w.raw("],").key("rule_set").text(kpi.rule_set);
  w.raw(",").key("signals").raw("[");
  for (std::size_t i = 0; i < result.signals.size(); ++i) {
    const auto& s = result.signals[i];
    w.raw(i ? ",{" : "{").key("effect").text(signal_effect(s, points, result, kpi.direction));
    w.raw(",").key("from").period(freq, points[s.from].period);
    w.raw(",").key("period").text(result.periods[s.period_index].label);
    w.raw(",").key("period_index").integer(static_cast<long long>(s.period_index));
    w.raw(",").key("points").raw("[").indexes(s.points);
    w.raw("],").key("rule").text(s.rule);
    w.raw(",").key("to").period(freq, points[s.to].period).raw("}");
  }
  w.raw("],").key("target").number(kpi.target);
  w.raw(",").key("unit").text(kpi.unit).raw("}");
  return w.take();
}

namespace {

json chart_without_points(const Kpi& kpi, const std::vector<ChartPoint>& points,
                          const std::vector<StoredPeriod>& stored, const std::string& today) {
  auto freq = frequency_of(kpi.frequency);
  auto rules = kpi.rule_set == "ihi" ? RuleSet::kIhi : RuleSet::kAnhoej;
  auto chart = evaluate_chart(kpi, points, stored, today);
  const auto& result = chart.result;

  json periods = json::array();
  for (const auto& p : result.periods) {
    json j = {
        {"label", p.label},
        {"start", format_period(freq, p.start)},
        {"median", opt(p.median)},
        {"frozen", p.frozen},
        {"freeze_until", p.freeze_until ? json(format_period(freq, *p.freeze_until)) : json()},
        {"first_point", p.first},
        {"point_count", p.count},
        {"useful_points", p.useful},
        {"longest_run", p.longest_run},
        {"longest_run_limit", p.run_limit},
        {"crossings", p.crossings},
        {"crossings_limit", p.crossings_limit},
        {"lower_limit", opt(p.lower_limit)},
        {"upper_limit", opt(p.upper_limit)}};
    for (const auto& s : stored)
      if (s.split.start == p.start) j["id"] = s.id;
    periods.push_back(std::move(j));
  }
  json signals = json::array();
  for (const auto& s : result.signals) {
    const auto& period = result.periods[s.period_index];
    signals.push_back({{"rule", s.rule},
                       {"effect", signal_effect(s, points, result, kpi.direction)},
                       {"period", period.label},
                       {"period_index", s.period_index},
                       {"from", format_period(freq, points[s.from].period)},
                       {"to", format_period(freq, points[s.to].period)},
                       {"points", s.points}});
  }
  json limits = json::array();
  if (rules == RuleSet::kIhi)
    for (const auto& p : result.periods)
      limits.push_back({{"start", format_period(freq, p.start)},
                        {"lower", opt(p.lower_limit)},
                        {"upper", opt(p.upper_limit)}});
  return {{"kpi_id", kpi.id},
          {"name", kpi.name},
          {"unit", kpi.unit},
          {"direction", kpi.direction},
          {"frequency", kpi.frequency},
          {"points", nullptr},
          {"periods", periods},
          {"median", result.periods.empty() ? json() : opt(result.periods.back().median)},
          {"baseline", opt(kpi.baseline)},
          {"target", opt(kpi.target)},
          {"limits", limits},
          {"signals", signals},
          {"rule_set", kpi.rule_set},
          {"min_useful_points", kMinUsefulPoints},
          {"due", chart.due}};
}

}  // namespace

}  // namespace kpis
