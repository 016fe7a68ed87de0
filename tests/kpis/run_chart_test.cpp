#include "kpis/run_chart.hpp"

#include <gtest/gtest.h>

namespace kpis {
namespace {

constexpr double kHi = 3, kLo = 1;

std::vector<ChartPoint> series(const std::vector<double>& values) {
  std::vector<ChartPoint> out;
  for (std::size_t i = 0; i < values.size(); ++i) out.push_back({long(i), values[i]});
  return out;
}

// Runs of the given lengths, alternating above and below a median of 2 that is
// frozen on the first two points (3 and 1), which open the series.
std::vector<double> with_runs(const std::vector<int>& lengths) {
  std::vector<double> v{kHi, kLo};
  bool above = true;
  for (int len : lengths) {
    for (int i = 0; i < len; ++i) v.push_back(above ? kHi : kLo);
    above = !above;
  }
  return v;
}

std::vector<ChartSplit> frozen_on_first_two() { return {{0, "baseline", true, 1}}; }

std::vector<std::string> rules(const ChartResult& r) {
  std::vector<std::string> out;
  for (const auto& s : r.signals) out.push_back(s.rule);
  return out;
}

TEST(RunChartTest, ASignalsEffectFollowsTheKpisDirection) {
  // A long run below the median frozen on the first two points, then a trend upwards.
  auto pts = series(with_runs({1, 9}));
  auto r = evaluate(pts, frozen_on_first_two(), RuleSet::kAnhoej);
  ASSERT_FALSE(r.signals.empty());
  EXPECT_EQ(r.signals[0].rule, "unusually_long_run");
  EXPECT_EQ(signal_effect(r.signals[0], pts, r, "lower"), "better");
  EXPECT_EQ(signal_effect(r.signals[0], pts, r, "higher"), "worse");
  auto rising = series({1, 2, 3, 4, 5, 6});
  auto ihi = evaluate(rising, {}, RuleSet::kIhi);
  for (const auto& s : ihi.signals) {
    if (s.rule == "trend") {
      EXPECT_EQ(signal_effect(s, rising, ihi, "higher"), "better");
    }
  }
  Signal crossings{"unusually_few_crossings", 0, 0, 1, {0, 1}};
  EXPECT_EQ(signal_effect(crossings, pts, r, "lower"), "neutral");
}

TEST(RunChartTest, LimitsMatchTheAnhoejTable) {
  // n: longest run limit, fewest crossings (Anhøj & Olesen 2014; exact binomial).
  struct Row {
    int n, run, crossings;
  };
  for (auto [n, run, crossings] :
       std::vector<Row>{{10, 6, 2},  {11, 6, 2},  {12, 7, 3},  {13, 7, 3},  {14, 7, 4},
                        {15, 7, 4},  {16, 7, 4},  {17, 7, 5},  {18, 7, 5},  {19, 7, 6},
                        {20, 7, 6},  {25, 8, 8},  {30, 8, 10}, {40, 8, 14}, {50, 9, 19},
                        {60, 9, 23}, {70, 9, 28}, {80, 9, 32}, {90, 9, 37}, {100, 10, 41}}) {
    EXPECT_EQ(longest_run_limit(n), run) << n;
    EXPECT_EQ(fewest_crossings(n), crossings) << n;
  }
  EXPECT_EQ(fewest_crossings(10000), 4917);  // large n: computed in log space, no underflow
}

TEST(RunChartTest, MedianOfOddAndEvenCounts) {
  EXPECT_DOUBLE_EQ(median_of({5, 1, 3}), 3);
  EXPECT_DOUBLE_EQ(median_of({4, 1, 3, 2}), 2.5);
}

TEST(RunChartTest, RandomLookingSeriesHasNoSignal) {
  auto r = evaluate(series({1, 3, 1, 3, 1, 3, 1, 3, 1, 3}), {}, RuleSet::kAnhoej);
  ASSERT_EQ(r.periods.size(), 1u);
  EXPECT_DOUBLE_EQ(*r.periods[0].median, 2);
  EXPECT_EQ(r.periods[0].useful, 10);
  EXPECT_EQ(r.periods[0].crossings, 9);
  EXPECT_EQ(r.periods[0].longest_run, 1);
  EXPECT_TRUE(r.signals.empty());
}

TEST(RunChartTest, LongRunsAndFewCrossingsInTwentyPoints) {
  // 8 above, L H L H, 8 below: median 2, runs 8 1 1 1 1 8, 5 crossings.
  std::vector<double> v(8, kHi);
  for (double x : {kLo, kHi, kLo, kHi}) v.push_back(x);
  for (int i = 0; i < 8; ++i) v.push_back(kLo);
  auto r = evaluate(series(v), {}, RuleSet::kAnhoej);
  const auto& p = r.periods[0];
  EXPECT_EQ(p.useful, 20);
  EXPECT_EQ(p.longest_run, 8);
  EXPECT_EQ(p.run_limit, 7);
  EXPECT_EQ(p.crossings, 5);
  EXPECT_EQ(p.crossings_limit, 6);
  ASSERT_EQ(rules(r), (std::vector<std::string>{"unusually_long_run", "unusually_long_run",
                                                "unusually_few_crossings"}));
  EXPECT_EQ(r.signals[0].from, 0u);
  EXPECT_EQ(r.signals[0].to, 7u);
  EXPECT_EQ(r.signals[1].from, 12u);
  EXPECT_EQ(r.signals[1].to, 19u);
  EXPECT_EQ(r.signals[1].points.size(), 8u);
}

TEST(RunChartTest, ARunAtTheLimitIsNoSignal) {
  // 7 above, 7 below, then six alternating: runs 7 7 1 1 1 1 1 1, 7 crossings.
  std::vector<double> v(7, kHi);
  for (int i = 0; i < 7; ++i) v.push_back(kLo);
  for (double x : {kHi, kLo, kHi, kLo, kHi, kLo}) v.push_back(x);
  auto r = evaluate(series(v), {}, RuleSet::kAnhoej);
  EXPECT_EQ(r.periods[0].longest_run, 7);
  EXPECT_EQ(r.periods[0].crossings, 7);
  EXPECT_TRUE(r.signals.empty());
}

TEST(RunChartTest, LongestRunRuleForEveryNFromTenToHundred) {
  for (int n = 10; n <= 100; ++n) {
    int limit = longest_run_limit(n);
    for (int run : {limit, limit + 1}) {
      std::vector<int> lengths{run};
      int total = 2 + run;
      while (total < n) {
        lengths.push_back(1);
        ++total;
      }
      auto r = evaluate(series(with_runs(lengths)), frozen_on_first_two(), RuleSet::kAnhoej);
      ASSERT_EQ(r.periods[0].useful, n);
      bool long_run = false;
      for (const auto& s : r.signals) long_run |= s.rule == "unusually_long_run";
      EXPECT_EQ(long_run, run > limit) << "n=" << n << " run=" << run;
    }
  }
}

TEST(RunChartTest, CrossingsRuleAtTheBoundaryForHundredPoints) {
  // 1 + 1 + 20 runs of 3 + 19 of 2 = 100 points in 41 runs: 40 crossings < 41.
  std::vector<int> few, enough;
  for (int i = 0; i < 39; ++i) few.push_back(i < 20 ? 3 : 2);
  for (int i = 0; i < 40; ++i) enough.push_back(i < 18 ? 3 : 2);
  auto r = evaluate(series(with_runs(few)), frozen_on_first_two(), RuleSet::kAnhoej);
  EXPECT_EQ(r.periods[0].useful, 100);
  EXPECT_EQ(r.periods[0].crossings, 40);
  EXPECT_EQ(rules(r), (std::vector<std::string>{"unusually_few_crossings"}));
  r = evaluate(series(with_runs(enough)), frozen_on_first_two(), RuleSet::kAnhoej);
  EXPECT_EQ(r.periods[0].crossings, 41);
  EXPECT_TRUE(r.signals.empty());
}

TEST(RunChartTest, PointsOnTheMedianAreIgnored) {
  // Median 1: the seven 1s are on it, three useful points are too few to judge.
  auto r = evaluate(series({1, 1, 1, 1, 1, 1, 1, 3, 3, 3}), {}, RuleSet::kAnhoej);
  EXPECT_DOUBLE_EQ(*r.periods[0].median, 1);
  EXPECT_EQ(r.periods[0].useful, 3);
  EXPECT_TRUE(r.signals.empty());
}

TEST(RunChartTest, AllPointsOnTheMedianOrTooFewPointsGiveNoSignal) {
  auto r = evaluate(series(std::vector<double>(15, 4)), {}, RuleSet::kAnhoej);
  EXPECT_EQ(r.periods[0].useful, 0);
  EXPECT_TRUE(r.signals.empty());
  // Nine points all above a frozen median: obvious, but below the threshold.
  std::vector<double> v{3, 1};
  for (int i = 0; i < 7; ++i) v.push_back(5);
  r = evaluate(series(v), frozen_on_first_two(), RuleSet::kAnhoej);
  EXPECT_EQ(r.periods[0].useful, 9);
  EXPECT_TRUE(r.signals.empty());
}

TEST(RunChartTest, AFrozenMedianJudgesLaterPointsAgainstTheBaseline) {
  // 12 baseline points alternate 10 and 12 (median 11); the next 12 are all 8.
  std::vector<double> v;
  for (int i = 0; i < 12; ++i) v.push_back(i % 2 ? 12 : 10);
  for (int i = 0; i < 12; ++i) v.push_back(8);
  auto r = evaluate(series(v), {{0, "baseline", true, 11}}, RuleSet::kAnhoej);
  EXPECT_DOUBLE_EQ(*r.periods[0].median, 11);
  EXPECT_EQ(r.periods[0].longest_run, 12);
  EXPECT_EQ(r.periods[0].run_limit, 8);  // n = 24
  ASSERT_EQ(rules(r), (std::vector<std::string>{"unusually_long_run"}));
  EXPECT_EQ(r.signals[0].from, 12u);
  EXPECT_EQ(r.signals[0].to, 23u);
  // Not frozen, the median moves to 9 and sits between the two halves.
  r = evaluate(series(v), {}, RuleSet::kAnhoej);
  EXPECT_DOUBLE_EQ(*r.periods[0].median, 9);
}

TEST(RunChartTest, SplitAndFreezeTogether) {
  std::vector<double> v;
  for (int i = 0; i < 12; ++i) v.push_back(i % 2 ? 12 : 10);  // baseline, median 11
  for (int i = 0; i < 12; ++i) v.push_back(8);                // trial, judged against 11
  for (int i = 0; i < 10; ++i) v.push_back(i % 2 ? 7 : 6);    // after adoption, own median
  std::vector<ChartSplit> splits{{24, "adopted", false, std::nullopt},
                                 {0, "baseline", true, 11},
                                 {12, "trial", true, std::nullopt}};
  auto r = evaluate(series(v), splits, RuleSet::kAnhoej);
  ASSERT_EQ(r.periods.size(), 3u);
  EXPECT_EQ(r.periods[0].label, "baseline");
  EXPECT_EQ(r.periods[0].count, 12u);
  EXPECT_DOUBLE_EQ(*r.periods[1].median, 11);
  EXPECT_EQ(r.periods[1].count, 12u);
  EXPECT_DOUBLE_EQ(*r.periods[2].median, 6.5);
  // Twelve points below the frozen baseline median: one run, no crossing.
  ASSERT_EQ(rules(r), (std::vector<std::string>{"unusually_long_run", "unusually_few_crossings"}));
  EXPECT_EQ(r.signals[0].period_index, 1u);
  EXPECT_EQ(r.signals[1].period_index, 1u);
  EXPECT_EQ(r.signals[0].from, 12u);
  EXPECT_EQ(r.signals[0].to, 23u);
}

TEST(RunChartTest, PointsBeforeTheFirstSplitFormALeadingPeriod) {
  auto r = evaluate(series({1, 2, 3, 4}), {{2, "trial", false, std::nullopt}}, RuleSet::kAnhoej);
  ASSERT_EQ(r.periods.size(), 2u);
  EXPECT_EQ(r.periods[0].label, "");
  EXPECT_EQ(r.periods[0].count, 2u);
  EXPECT_DOUBLE_EQ(*r.periods[1].median, 3.5);
}

TEST(RunChartTest, IhiShiftCountsSixAndSkipsPointsOnTheMedian) {
  // Frozen median 2; then 3 below, one on the median, 3 below: a shift of six.
  std::vector<double> v{3, 1, 3, 1, 1, 1, 2, 1, 1, 1, 3};
  auto r = evaluate(series(v), frozen_on_first_two(), RuleSet::kIhi);
  ASSERT_EQ(rules(r), (std::vector<std::string>{"shift"}));
  EXPECT_EQ(r.signals[0].from, 3u);
  EXPECT_EQ(r.signals[0].to, 9u);
  EXPECT_EQ(r.signals[0].points.size(), 6u);
  v = {3, 1, 3, 1, 1, 1, 1, 1, 3};  // five below: no shift
  r = evaluate(series(v), frozen_on_first_two(), RuleSet::kIhi);
  EXPECT_TRUE(rules(r).empty());
}

TEST(RunChartTest, IhiTrendIgnoresTies) {
  auto r = evaluate(series({1, 2, 3, 3, 4, 5}), {}, RuleSet::kIhi);
  ASSERT_EQ(rules(r), (std::vector<std::string>{"trend"}));
  EXPECT_EQ(r.signals[0].from, 0u);
  EXPECT_EQ(r.signals[0].to, 5u);
  r = evaluate(series({1, 2, 3, 3, 4}), {}, RuleSet::kIhi);
  EXPECT_TRUE(rules(r).empty());
  r = evaluate(series({9, 8, 7, 6, 5, 6}), {}, RuleSet::kIhi);
  EXPECT_EQ(rules(r), (std::vector<std::string>{"trend"}));
}

TEST(RunChartTest, IhiAstronomicalPointAndRuns) {
  std::vector<double> v;
  for (int i = 0; i < 20; ++i) v.push_back(i % 2 ? 11 : 10);
  v[9] = 30;
  auto r = evaluate(series(v), {}, RuleSet::kIhi);
  ASSERT_TRUE(r.periods[0].upper_limit);
  EXPECT_NEAR(*r.periods[0].upper_limit, 10.5 + 3 / 0.954, 1e-9);
  auto found = rules(r);
  EXPECT_NE(std::find(found.begin(), found.end(), "astronomical_point"), found.end());
  // Strict alternation of 20 points: 19 crossings, too many runs (upper bound 14).
  v.clear();
  for (int i = 0; i < 20; ++i) v.push_back(i % 2 ? 11 : 10);
  r = evaluate(series(v), {}, RuleSet::kIhi);
  EXPECT_EQ(rules(r), (std::vector<std::string>{"too_many_runs"}));
}

}  // namespace
}  // namespace kpis
