#include "kpis/run_chart.hpp"

#include <algorithm>
#include <cmath>

namespace kpis {
namespace {

// Median moving range / 0.954 estimates sigma robustly (Wheeler); the mean moving
// range would be inflated by the very points we look for.
constexpr double kMedianMovingRangeFactor = 0.954;
constexpr double kSigmas = 3.0;
constexpr double kRunsAlpha = 0.025;  // IHI runs: two-sided 5 %

double pmf(int m, int k) {
  return std::exp(std::lgamma(m + 1.0) - std::lgamma(k + 1.0) - std::lgamma(m - k + 1.0) -
                  m * std::log(2.0));
}

struct Useful {
  std::size_t index;
  int side;
};

struct Run {
  std::size_t first, last;  // positions in the useful list
};

std::vector<Run> runs_of(const std::vector<Useful>& useful) {
  std::vector<Run> runs;
  for (std::size_t i = 0; i < useful.size(); ++i) {
    if (i == 0 || useful[i].side != useful[i - 1].side)
      runs.push_back({i, i});
    else
      runs.back().last = i;
  }
  return runs;
}

Signal run_signal(const std::string& rule, std::size_t period, const std::vector<Useful>& useful,
                  std::size_t first, std::size_t last) {
  Signal s{rule, period, useful[first].index, useful[last].index, {}};
  for (std::size_t i = first; i <= last; ++i) s.points.push_back(useful[i].index);
  return s;
}

void trends(const std::vector<ChartPoint>& pts, const PeriodResult& p, std::size_t period,
            std::vector<Signal>& out) {
  // Ties neither break nor count: equal neighbours collapse to one point.
  std::vector<std::size_t> kept;
  for (std::size_t i = p.first; i < p.first + p.count; ++i)
    if (kept.empty() || pts[i].value != pts[kept.back()].value) kept.push_back(i);
  std::size_t start = 0;
  int dir = 0;
  auto flush = [&](std::size_t end) {  // kept[start..end]
    if (dir != 0 && static_cast<int>(end - start + 1) >= kIhiTrend) {
      Signal s{"trend", period, kept[start], kept[end], {}};
      for (std::size_t i = kept[start]; i <= kept[end]; ++i) s.points.push_back(i);
      out.push_back(std::move(s));
    }
  };
  for (std::size_t i = 1; i < kept.size(); ++i) {
    int d = pts[kept[i]].value > pts[kept[i - 1]].value ? 1 : -1;
    if (d != dir) {
      flush(i - 1);
      start = i - 1;
      dir = d;
    }
  }
  if (!kept.empty()) flush(kept.size() - 1);
}

}  // namespace

double median_of(std::vector<double> v) {
  std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(mid), v.end());
  double hi = v[mid];
  if (v.size() % 2 == 1) return hi;
  double lo = *std::max_element(v.begin(), v.begin() + static_cast<long>(mid));
  return (lo + hi) / 2;
}

std::string signal_effect(const Signal& s, const std::vector<ChartPoint>& points,
                          const ChartResult& result, const std::string& direction) {
  if (s.points.empty() || s.period_index >= result.periods.size()) return "neutral";
  int side = 0;  // +1 up, -1 down
  if (s.rule == "trend") {
    side = points[s.points.back()].value > points[s.points.front()].value ? 1 : -1;
  } else if (s.rule == "unusually_long_run" || s.rule == "shift" ||
             s.rule == "astronomical_point") {
    const auto& median = result.periods[s.period_index].median;
    if (!median) return "neutral";
    side = points[s.points.front()].value > *median ? 1 : -1;
  }
  if (side == 0) return "neutral";
  return (side > 0) == (direction != "lower") ? "better" : "worse";
}

int longest_run_limit(int n) { return static_cast<int>(std::lround(std::log2(n) + 3)); }

int fewest_crossings(int n, double alpha) {
  int m = n - 1;
  if (m <= 0) return 0;
  double cum = 0;
  int c = 0;
  while (c <= m) {
    double next = cum + pmf(m, c);
    if (next > alpha) break;
    cum = next;
    ++c;
  }
  return c;
}

ChartResult evaluate(const std::vector<ChartPoint>& pts, std::vector<ChartSplit> splits,
                     RuleSet rules) {
  ChartResult result;
  std::sort(splits.begin(), splits.end(),
            [](const ChartSplit& a, const ChartSplit& b) { return a.start < b.start; });
  if (!pts.empty() && (splits.empty() || pts.front().period < splits.front().start))
    splits.insert(splits.begin(), ChartSplit{pts.front().period, "", false, std::nullopt});
  std::size_t at = 0;
  for (std::size_t s = 0; s < splits.size(); ++s) {
    PeriodResult p;
    p.label = splits[s].label;
    p.start = splits[s].start;
    p.frozen = splits[s].frozen;
    p.freeze_until = splits[s].freeze_until;
    p.first = at;
    while (at < pts.size() && (s + 1 == splits.size() || pts[at].period < splits[s + 1].start))
      ++at;
    p.count = at - p.first;
    // The points the median and limits come from.
    std::vector<double> base;
    bool inherit = p.frozen && !p.freeze_until && !result.periods.empty();
    for (std::size_t i = p.first; i < at && !inherit; ++i)
      if (!p.freeze_until || pts[i].period <= *p.freeze_until) base.push_back(pts[i].value);
    if (inherit) {
      p.median = result.periods.back().median;
      p.lower_limit = result.periods.back().lower_limit;
      p.upper_limit = result.periods.back().upper_limit;
    } else if (!base.empty()) {
      p.median = median_of(base);
      if (base.size() >= 2) {
        std::vector<double> ranges;
        for (std::size_t i = 1; i < base.size(); ++i)
          ranges.push_back(std::fabs(base[i] - base[i - 1]));
        double sigma = median_of(ranges) / kMedianMovingRangeFactor;
        if (sigma > 0) {
          p.lower_limit = *p.median - kSigmas * sigma;
          p.upper_limit = *p.median + kSigmas * sigma;
        }
      }
    }
    std::size_t index = result.periods.size();
    if (p.median) {
      std::vector<Useful> useful;
      for (std::size_t i = p.first; i < at; ++i) {
        if (pts[i].value > *p.median) useful.push_back({i, 1});
        if (pts[i].value < *p.median) useful.push_back({i, -1});
      }
      auto runs = runs_of(useful);
      p.useful = static_cast<int>(useful.size());
      p.crossings = runs.empty() ? 0 : static_cast<int>(runs.size()) - 1;
      for (const auto& r : runs) p.longest_run = std::max(p.longest_run, int(r.last - r.first + 1));
      if (p.useful > 0) {
        p.run_limit = longest_run_limit(p.useful);
        p.crossings_limit = fewest_crossings(p.useful);
      }
      bool enough = p.useful >= kMinUsefulPoints;
      if (rules == RuleSet::kAnhoej && enough) {
        for (const auto& r : runs)
          if (int(r.last - r.first + 1) > p.run_limit)
            result.signals.push_back(
                run_signal("unusually_long_run", index, useful, r.first, r.last));
        if (p.crossings < p.crossings_limit)
          result.signals.push_back(
              run_signal("unusually_few_crossings", index, useful, 0, useful.size() - 1));
      }
      if (rules == RuleSet::kIhi) {
        for (const auto& r : runs)
          if (int(r.last - r.first + 1) >= kIhiShift)
            result.signals.push_back(run_signal("shift", index, useful, r.first, r.last));
        trends(pts, p, index, result.signals);
        if (enough) {
          int lower = fewest_crossings(p.useful, kRunsAlpha);
          int upper = (p.useful - 1) - lower;
          if (p.crossings < lower)
            result.signals.push_back(
                run_signal("too_few_runs", index, useful, 0, useful.size() - 1));
          if (p.crossings > upper)
            result.signals.push_back(
                run_signal("too_many_runs", index, useful, 0, useful.size() - 1));
        }
        if (p.lower_limit && p.upper_limit) {
          for (std::size_t i = p.first; i < at; ++i)
            if (pts[i].value < *p.lower_limit || pts[i].value > *p.upper_limit)
              result.signals.push_back({"astronomical_point", index, i, i, {i}});
        }
      }
    }
    result.periods.push_back(std::move(p));
  }
  return result;
}

}  // namespace kpis
