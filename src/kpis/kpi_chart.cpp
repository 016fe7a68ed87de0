#include "kpis/kpi_chart.hpp"

#include <charconv>

namespace kpis {
namespace {

using nlohmann::json;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(); }

}  // namespace

bool is_due(const Kpi& kpi, const std::vector<ChartPoint>& points, const std::string& today) {
  auto freq = frequency_of(kpi.frequency);
  auto current = period_of_date(freq, today);
  if (!current) return false;
  std::optional<long> start;
  if (kpi.start_period) start = parse_period(freq, *kpi.start_period);
  long last = *current - 1;
  while (!on_grid(freq, last, start)) --last;
  return points.empty() || points.back().period < last;
}

namespace {

json chart_without_points(const Kpi& kpi, const std::vector<ChartPoint>& points,
                          const std::vector<StoredPeriod>& stored, const std::string& today);

void append_number(std::string& out, double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, ec == std::errc{} ? end : buf);
}

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

std::string chart_body(const Kpi& kpi, const std::vector<ChartPoint>& points,
                       const std::vector<StoredPeriod>& stored, const std::string& today) {
  json chart = chart_without_points(kpi, points, stored, today);
  chart["points"] = "@points@";
  std::string doc = chart.dump(-1, ' ', false, json::error_handler_t::replace);
  auto freq = frequency_of(kpi.frequency);
  std::string arr = "[";
  arr.reserve(points.size() * 56);
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i) arr += ',';
    arr += "{\"period\":\"";
    arr += format_period(freq, points[i].period);
    arr += "\",\"value\":";
    append_number(arr, points[i].value);
    arr += ",\"period_index\":";
    arr += std::to_string(points[i].period);
    arr += '}';
  }
  arr += ']';
  const std::string placeholder = "\"@points@\"";
  doc.replace(doc.find(placeholder), placeholder.size(), arr);
  return doc;
}

namespace {

json chart_without_points(const Kpi& kpi, const std::vector<ChartPoint>& points,
                          const std::vector<StoredPeriod>& stored, const std::string& today) {
  auto freq = frequency_of(kpi.frequency);
  std::vector<ChartSplit> splits;
  for (const auto& p : stored) splits.push_back(p.split);
  auto rules = kpi.rule_set == "ihi" ? RuleSet::kIhi : RuleSet::kAnhoej;
  auto result = evaluate(points, splits, rules);

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
          {"due", is_due(kpi, points, today)}};
}

}  // namespace

}  // namespace kpis
