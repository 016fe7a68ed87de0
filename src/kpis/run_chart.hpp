#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kpis {

// Run-chart rules, pure. Definitions in docs/kpis.md.
enum class RuleSet { kAnhoej, kIhi };

// Fewer useful points (not on the median) than this and no rule can signal: the
// Anhøj tables start at 10 points.
inline constexpr int kMinUsefulPoints = 10;
inline constexpr int kIhiShift = 6;
inline constexpr int kIhiTrend = 5;

struct ChartPoint {
  long period = 0;  // ordinal (kpis::parse_period)
  double value = 0;
};

// A split of the chart: it lasts from `start` until the next split's start. Frozen
// with `freeze_until`: the median is that of the period's points up to and including
// it (its baseline), and every point of the period is judged against it. Frozen
// without `freeze_until`: the period keeps the previous period's median (a trial
// judged against the frozen baseline). Points before the first split form a
// leading period with an empty label.
struct ChartSplit {
  long start = 0;
  std::string label;
  bool frozen = false;
  std::optional<long> freeze_until;
};

struct Signal {
  std::string rule;              // unusually_long_run, unusually_few_crossings, shift, trend,
                                 // too_few_runs, too_many_runs, astronomical_point
  std::size_t period_index = 0;  // which chart period
  std::size_t from = 0, to = 0;  // point indexes (inclusive)
  std::vector<std::size_t> points;
};

struct PeriodResult {
  std::string label;
  long start = 0;
  std::size_t first = 0, count = 0;  // point indexes
  bool frozen = false;
  std::optional<long> freeze_until;
  std::optional<double> median;
  int useful = 0;  // points not on the median
  int longest_run = 0;
  int run_limit = 0;  // Anhøj: a run longer than this signals
  int crossings = 0;
  int crossings_limit = 0;                         // Anhøj: fewer crossings than this signal
  std::optional<double> lower_limit, upper_limit;  // IHI astronomical point
};

struct ChartResult {
  std::vector<PeriodResult> periods;
  std::vector<Signal> signals;
};

// Which way a signal points for a KPI whose `direction` is "higher" or "lower" is better:
// "better" or "worse" when its points lie above or below the period's median (a run, a
// shift, an astronomical point) or climb or fall (a trend); "neutral" when the rule says
// nothing about a side (too few or too many crossings or runs).
std::string signal_effect(const Signal& s, const std::vector<ChartPoint>& points,
                          const ChartResult& result, const std::string& direction);

double median_of(std::vector<double> values);  // values not empty
// round(log2(n) + 3)
int longest_run_limit(int n);
// The largest c with P(X < c) <= alpha for X ~ Binomial(n - 1, 0.5).
int fewest_crossings(int n, double alpha = 0.05);

// `points` sorted by period; `splits` in any order.
ChartResult evaluate(const std::vector<ChartPoint>& points, std::vector<ChartSplit> splits,
                     RuleSet rules);

}  // namespace kpis
