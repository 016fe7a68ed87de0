// Adoption of the redesign, pure: status changes, the share adopted, steps that left
// the map, KPI before and after, and the wins rules.
#include "adoption/adoption.hpp"

#include <gtest/gtest.h>

#include "wins/win.hpp"

namespace adoption {
namespace {

TEST(AdoptionTest, TransitionsAllowedAndRefused) {
  EXPECT_TRUE(transition_allowed("trial", "adopted"));
  EXPECT_TRUE(transition_allowed("trial", "keep_developing"));
  EXPECT_TRUE(transition_allowed("trial", "cancelled"));
  EXPECT_TRUE(transition_allowed("keep_developing", "adopted"));
  EXPECT_TRUE(transition_allowed("keep_developing", "trial"));
  EXPECT_TRUE(transition_allowed("keep_developing", "cancelled"));
  EXPECT_TRUE(transition_allowed("adopted", "keep_developing"));
  EXPECT_TRUE(transition_allowed("cancelled", "trial"));
  // Refused: no change, an adopted step cancelled or put back on trial at once, a
  // cancelled step adopted without a new trial, unknown statuses.
  EXPECT_FALSE(transition_allowed("trial", "trial"));
  EXPECT_FALSE(transition_allowed("adopted", "adopted"));
  EXPECT_FALSE(transition_allowed("adopted", "cancelled"));
  EXPECT_FALSE(transition_allowed("adopted", "trial"));
  EXPECT_FALSE(transition_allowed("cancelled", "adopted"));
  EXPECT_FALSE(transition_allowed("cancelled", "keep_developing"));
  EXPECT_FALSE(transition_allowed("trial", "done"));
  EXPECT_FALSE(transition_allowed("bogus", "adopted"));
  EXPECT_EQ(next_statuses("adopted"), std::vector<std::string>{"keep_developing"});
  EXPECT_EQ(next_statuses("trial"),
            (std::vector<std::string>{"adopted", "keep_developing", "cancelled"}));
}

StoredStep stored(const std::string& id, const std::string& name, const std::string& status) {
  StoredStep s;
  s.element_id = id;
  s.step_name = name;
  s.status = status;
  s.decision_id = "D-" + id;
  s.decision_text = "besluttet";
  s.decided_on = "2026-10-01";
  s.version = 2;
  return s;
}

TEST(AdoptionTest, MergeKeepsMapOrderAndListsVanishedStepsLast) {
  std::vector<MapStep> map = {{"R1", "Modtager"}, {"R2", ""}, {"R3", "Plan"}, {"R1", "dublet"}};
  auto steps = merge(
      map, {stored("R3", "Gammel plan", "adopted"), stored("OLD", "Fjernet trin", "adopted")});
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].element_id, "R1");
  EXPECT_EQ(steps[0].status, "trial");
  EXPECT_EQ(steps[0].version, 1);  // never decided on: version 1, so If-Match works
  EXPECT_FALSE(steps[0].decision_id.has_value());
  EXPECT_EQ(steps[1].name, "R2");    // an unnamed step shows its id
  EXPECT_EQ(steps[2].name, "Plan");  // the map's name wins over the stored one
  EXPECT_EQ(steps[2].status, "adopted");
  EXPECT_EQ(steps[2].version, 2);
  EXPECT_EQ(steps[3].element_id, "OLD");
  EXPECT_FALSE(steps[3].on_map);
  EXPECT_EQ(steps[3].name, "Fjernet trin");
}

TEST(AdoptionTest, ShareCountsOnlyStepsOnTheMap) {
  std::vector<MapStep> map;
  for (int i = 1; i <= 10; ++i) map.push_back({"R" + std::to_string(i), "Trin"});
  auto steps = merge(map, {stored("R1", "", "adopted"), stored("R2", "", "adopted"),
                           stored("R3", "", "keep_developing"), stored("GONE", "", "adopted")});
  auto share = share_adopted(steps);
  EXPECT_EQ(share.adopted, 2);
  EXPECT_EQ(share.total, 10);
  EXPECT_EQ(share.percent, 20);
  // One of three: rounded down, never overstated.
  auto third =
      share_adopted(merge({{"A", ""}, {"B", ""}, {"C", ""}}, {stored("A", "", "adopted")}));
  EXPECT_EQ(third.percent, 33);
  auto none = share_adopted({});
  EXPECT_EQ(none.total, 0);
  EXPECT_EQ(none.percent, 0);
}

std::vector<kpis::ChartPoint> series(const std::vector<double>& values) {
  std::vector<kpis::ChartPoint> out;
  for (std::size_t i = 0; i < values.size(); ++i)
    out.push_back({static_cast<long>(100 + i), values[i]});
  return out;
}

TEST(AdoptionTest, BeforeAfterUsesBaselineMedianAndTheLastPeriodsOwnPoints) {
  // Baseline 20,22,21,23 (frozen on its first four points: median 21.5); trial frozen
  // on the baseline median; after adoption 12,11,13 (median 12).
  auto pts = series({20, 22, 21, 23, 15, 14, 16, 12, 11, 13});
  std::vector<kpis::ChartSplit> splits = {{100, "Baseline", true, 103},
                                          {104, "Forsøg", true, std::nullopt},
                                          {107, "Indført", false, std::nullopt}};
  auto chart = kpis::evaluate(pts, splits, kpis::RuleSet::kAnhoej);
  auto ba = before_after(pts, chart, "lower", 21.5, 12.0);
  ASSERT_TRUE(ba.baseline_median.has_value());
  EXPECT_DOUBLE_EQ(*ba.baseline_median, 21.5);
  ASSERT_TRUE(ba.last_median.has_value());
  EXPECT_DOUBLE_EQ(*ba.last_median, 12);
  EXPECT_EQ(ba.last_label, "Indført");
  EXPECT_TRUE(ba.reached);  // lower is better: 12 ≤ 12
  auto higher = before_after(pts, chart, "higher", 21.5, 12.5);
  EXPECT_FALSE(higher.reached);

  // A frozen last period judged on the baseline still reports its own median.
  std::vector<kpis::ChartSplit> two = {{100, "Baseline", true, 103},
                                       {104, "Forsøg", true, std::nullopt}};
  auto frozen = before_after(pts, kpis::evaluate(pts, two, kpis::RuleSet::kAnhoej), "lower",
                             std::nullopt, std::nullopt);
  EXPECT_DOUBLE_EQ(*frozen.baseline_median, 21.5);
  EXPECT_DOUBLE_EQ(*frozen.last_median, 13.5);  // 15,14,16,12,11,13
  EXPECT_FALSE(frozen.reached);                 // no target

  EXPECT_TRUE(frozen.baseline_from_period);
  EXPECT_EQ(frozen.baseline_label, "Baseline");

  // One period, not frozen on its first points: no baseline period, so the stated
  // baseline stands in (not the median of every point), and "after" is the period's
  // median (11,12,13,14,15,16,20,21,22,23: 15.5).
  auto single =
      before_after(pts, kpis::evaluate(pts, {}, kpis::RuleSet::kAnhoej), "lower", 21.0, 16.0);
  EXPECT_DOUBLE_EQ(*single.baseline_median, 21);
  EXPECT_FALSE(single.baseline_from_period);
  EXPECT_DOUBLE_EQ(*single.last_median, 15.5);
  EXPECT_TRUE(single.reached);  // the wins rule: 15.5 ≤ 16
  auto no_stated = before_after(pts, kpis::evaluate(pts, {}, kpis::RuleSet::kAnhoej), "lower",
                                std::nullopt, 10.0);
  EXPECT_FALSE(no_stated.baseline_median.has_value());
  EXPECT_FALSE(no_stated.reached);
  // One period frozen on its first four points: those are the baseline, the rest "after".
  std::vector<kpis::ChartSplit> own = {{100, "Forløb", true, 103}};
  auto own_base =
      before_after(pts, kpis::evaluate(pts, own, kpis::RuleSet::kAnhoej), "lower", 30.0, 14.0);
  EXPECT_DOUBLE_EQ(*own_base.baseline_median, 21.5);
  EXPECT_DOUBLE_EQ(*own_base.last_median, 13.5);  // 15,14,16,12,11,13
  EXPECT_TRUE(own_base.reached);
  // "After" is named by its weeks, not by the period that also holds the baseline.
  EXPECT_EQ(own_base.last_label, "");
  EXPECT_EQ(own_base.after_from, pts[4].period);
  EXPECT_EQ(own_base.after_to, pts[9].period);
  EXPECT_EQ(ba.last_label, "Indført");
  EXPECT_EQ(ba.after_from, pts[7].period);
  // No points: the stored baseline stands in.
  auto empty =
      before_after({}, kpis::evaluate({}, {}, kpis::RuleSet::kAnhoej), "lower", 30.0, 10.0);
  EXPECT_DOUBLE_EQ(*empty.baseline_median, 30);
  EXPECT_FALSE(empty.last_median.has_value());
}

TEST(WinsTest, TargetReachedFollowsTheDirection) {
  EXPECT_TRUE(wins::target_reached("lower", 10, 10));
  EXPECT_TRUE(wins::target_reached("lower", 10, 9.5));
  EXPECT_FALSE(wins::target_reached("lower", 10, 10.5));
  EXPECT_TRUE(wins::target_reached("higher", 80, 80));
  EXPECT_FALSE(wins::target_reached("higher", 80, 79));
}

TEST(WinsTest, LinksAreWebAddressesOrPathsInside) {
  for (const char* link : {"https://example.dk/x", "/projects/abc/kpis/def"})
    EXPECT_TRUE(core::is_safe_link(link)) << link;
  // Browsers strip tabs and line breaks: "/\t/evil.example" would become "//evil.example".
  for (const char* unsafe :
       {"javascript:alert(1)", "//evil.example", "/\\evil.example", "data:text/html,x",
        "/\t/evil.example", "/\n/evil.example", "https://\t/evil.example", "https:///evil.example"})
    EXPECT_FALSE(core::is_safe_link(unsafe)) << unsafe;
  EXPECT_FALSE(core::is_safe_link("/ /evil.example"));
}

}  // namespace
}  // namespace adoption
