// Work packages, pure: the timeline's layout on hand-computed days (months are unequal, days
// are not), the dependency cycle check, the field rules (end not before start), and exact
// money: typed amounts to øre and back.
#include "work_packages/timeline.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/money.hpp"
#include "work_packages/work_package.hpp"

namespace {

using work_packages::lay_out;
using work_packages::Milestone;
using work_packages::Span;

TEST(Timeline, MonthsFromTheFirstStartToTheLastEndOnAScaleOfDays) {
  // January to March 2026: 31 + 28 + 31 = 90 days on 900 units, so 10 units a day.
  auto t = lay_out(
      {{"a", "A", "2026-01-01", "2026-01-31", false}, {"b", "B", "2026-02-01", "2026-03-15", true}},
      {}, "", 900);
  EXPECT_EQ(t.days, 90);
  ASSERT_EQ(t.months.size(), 3u);
  EXPECT_EQ(t.months[0].year, 2026);
  EXPECT_EQ(t.months[0].month, 1);
  EXPECT_DOUBLE_EQ(t.months[0].x, 0);
  EXPECT_DOUBLE_EQ(t.months[0].width, 310);
  EXPECT_DOUBLE_EQ(t.months[1].x, 310);
  EXPECT_DOUBLE_EQ(t.months[1].width, 280);
  EXPECT_DOUBLE_EQ(t.months[2].x, 590);
  EXPECT_DOUBLE_EQ(t.months[2].width, 310);
  ASSERT_EQ(t.bars.size(), 2u);
  EXPECT_DOUBLE_EQ(t.bars[0].x, 0);
  EXPECT_DOUBLE_EQ(t.bars[0].width, 310);  // 31 days, both ends included
  EXPECT_EQ(t.bars[0].row, 0u);
  EXPECT_DOUBLE_EQ(t.bars[1].x, 310);
  EXPECT_DOUBLE_EQ(t.bars[1].width, 430);  // 28 + 15 days
  EXPECT_EQ(t.bars[1].row, 1u);
  EXPECT_TRUE(t.bars[1].late);
}

TEST(Timeline, TodayAndMilestonesSitInTheMiddleOfTheirDayInsideTheMonthsOnly) {
  // December 2025 to January 2026 across the year: 62 days on 620 units.
  auto t = lay_out({{"a", "A", "2025-12-10", "2026-01-20", false}},
                   {{"2025-12-01", "Gate", "gate"},
                    {"2026-01-31", "Styregruppe", "meeting"},
                    {"2026-02-01", "After", "decision"},
                    {"2025-11-30", "Before", "decision"}},
                   "2026-01-05", 620);
  EXPECT_EQ(t.days, 62);
  ASSERT_EQ(t.months.size(), 2u);
  EXPECT_EQ(t.months[1].year, 2026);
  EXPECT_EQ(t.months[1].month, 1);
  EXPECT_DOUBLE_EQ(t.bars[0].x, 90);
  EXPECT_DOUBLE_EQ(t.bars[0].width, 420);  // 22 + 20 days
  ASSERT_EQ(t.milestones.size(), 2u);
  EXPECT_DOUBLE_EQ(t.milestones[0].x, 5);
  EXPECT_EQ(t.milestones[0].kind, "gate");
  EXPECT_DOUBLE_EQ(t.milestones[1].x, 615);
  ASSERT_TRUE(t.today_x.has_value());
  EXPECT_DOUBLE_EQ(*t.today_x, 355);  // 31 + 4 days, and half of the fifth
  EXPECT_FALSE(lay_out({{"a", "A", "2025-12-10", "2026-01-20", false}}, {}, "2026-02-01", 620)
                   .today_x.has_value());
}

TEST(Timeline, NothingToLayOutWithoutPackagesAndAReversedSpanIsOneDay) {
  auto none = lay_out({}, {{"2026-01-01", "G", "gate"}}, "2026-01-01", 100);
  EXPECT_TRUE(none.months.empty());
  EXPECT_TRUE(none.bars.empty());
  EXPECT_TRUE(none.milestones.empty());
  auto odd = lay_out({{"a", "A", "2026-04-10", "2026-04-01", false}}, {}, "", 300);
  EXPECT_EQ(odd.days, 30);
  EXPECT_DOUBLE_EQ(odd.bars[0].width, 10);
}

TEST(WorkPackageRules, ACycleIsFoundAndAChainIsNot) {
  EXPECT_FALSE(work_packages::has_cycle({{"a", {}}, {"b", {"a"}}, {"c", {"a", "b"}}}));
  EXPECT_TRUE(work_packages::has_cycle({{"a", {"c"}}, {"b", {"a"}}, {"c", {"b"}}}));
  EXPECT_TRUE(work_packages::has_cycle({{"a", {"a"}}}));
  EXPECT_FALSE(work_packages::has_cycle({{"a", {"unknown"}}}));
}

TEST(WorkPackageRules, EndBeforeStartIsNamedAndLateNeedsAnOpenPackagePastItsEnd) {
  core::Input in(nlohmann::json{{"title", "AP"}, {"start", "2026-05-01"}, {"end", "2026-04-30"}});
  try {
    work_packages::work_package_fields().parse_new(in);
    FAIL() << "an end before the start was accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("end"));
  }
  work_packages::WorkPackage wp;
  wp.end = "2026-04-30";
  wp.status = "in_progress";
  EXPECT_TRUE(work_packages::is_late(wp, "2026-05-01"));
  EXPECT_FALSE(work_packages::is_late(wp, "2026-04-30"));
  EXPECT_FALSE(work_packages::is_late(wp, ""));
  wp.status = "done";
  EXPECT_FALSE(work_packages::is_late(wp, "2027-01-01"));
}

TEST(Money, TypedAmountsAreExactMinorUnits) {
  EXPECT_EQ(core::parse_fixed("12,5"), 1250);
  EXPECT_EQ(core::parse_fixed("1.234,56"), 123456);
  EXPECT_EQ(core::parse_fixed("1 234.5"), 123450);
  EXPECT_EQ(core::parse_fixed("−3"), -300);
  EXPECT_EQ(core::parse_fixed("0,10"), 10);
  EXPECT_EQ(core::parse_fixed("7,500"), 750);     // a trailing zero is no extra place
  EXPECT_EQ(core::parse_fixed("5.000"), 500000);  // points grouping thousands, no comma
  EXPECT_EQ(core::parse_fixed("1.234.567"), 123456700);
  EXPECT_EQ(core::parse_fixed("5.00"), 500);
  EXPECT_EQ(core::parse_fixed("5.000", 3), 5000);  // three places asked for: a decimal point
  EXPECT_FALSE(core::parse_fixed("0,005").has_value());
  EXPECT_FALSE(core::parse_fixed("1e3").has_value());
  EXPECT_FALSE(core::parse_fixed("abc").has_value());
  EXPECT_FALSE(core::parse_fixed("").has_value());
  EXPECT_EQ(core::fixed_from_json(nlohmann::json(0.1)), 10);
  EXPECT_EQ(core::fixed_from_json(nlohmann::json(1234.56)), 123456);
  EXPECT_EQ(core::fixed_from_json(nlohmann::json(25)), 2500);
  EXPECT_FALSE(core::fixed_from_json(nlohmann::json(5.125)).has_value());  // no grouping in JSON
  EXPECT_EQ(core::fixed_from_json(nlohmann::json("37,25"), 2), 3725);
  EXPECT_FALSE(core::fixed_from_json(nlohmann::json(true)).has_value());
  EXPECT_EQ(core::format_fixed(123450), "1234.50");
  EXPECT_EQ(core::format_fixed(-5), "-0.05");
  EXPECT_EQ(core::format_fixed(3000, 2), "30.00");
  EXPECT_EQ(core::mul_div_round(1001, 3000, 10000), 300);  // 300.3 → 300
  EXPECT_EQ(core::mul_div_round(1005, 5000, 10000), 503);  // 502.5 → 503
  EXPECT_EQ(core::mul_div_round(-1005, 5000, 10000), -503);
}

}  // namespace
