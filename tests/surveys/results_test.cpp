#include "surveys/results.hpp"

#include <gtest/gtest.h>

namespace surveys {
namespace {

const std::vector<GroupingUnit> kGrouping = {{"adm", std::nullopt, "Administration"},
                                             {"seven", "adm", "Borgerservice"},
                                             {"three", "adm", "Ydelser"}};

const UnitResult& unit(const ScaleResult& r, const std::string& id) {
  for (const auto& u : r.units)
    if (u.unit_id == id) return u;
  throw std::out_of_range(id);
}

TEST(SurveyResults, AUnitsResultIsOverItsSubtreeAndSmallGroupsCarryNoFigures) {
  // Seven in one unit (each 50 or 100), three in the other, two in the administration itself.
  std::vector<ScaleSums> sums = {{"trust", "seven", 7, 500, 25000 + 10000},
                                 {"trust", "three", 3, 150, 7500},
                                 {"trust", "adm", 2, 100, 5000}};
  auto results = round_results(kGrouping, sums, 5);
  ASSERT_EQ(results.size(), 1u);
  const auto& trust = results[0];
  EXPECT_FALSE(trust.total.hidden);
  EXPECT_EQ(trust.total.index.n, 12);
  EXPECT_DOUBLE_EQ(trust.total.index.mean, 750.0 / 12);
  const auto& adm = unit(trust, "adm");
  EXPECT_FALSE(adm.hidden);
  EXPECT_EQ(adm.index.n, 12);
  // Three is too few; seven goes with it, or the administration's figure would give it.
  EXPECT_TRUE(unit(trust, "three").hidden);
  EXPECT_EQ(unit(trust, "three").index.n, 0);
  EXPECT_DOUBLE_EQ(unit(trust, "three").index.mean, 0);
  EXPECT_TRUE(unit(trust, "seven").hidden);
  EXPECT_EQ(unit(trust, "seven").index.n, 0);
}

TEST(SurveyResults, TheSpreadComesFromTheSums) {
  // 50, 75, 100 in one unit: mean 75, sd 25.
  std::vector<ScaleSums> sums = {{"trust", "seven", 3, 225, 2500 + 5625 + 10000},
                                 {"trust", "three", 3, 225, 2500 + 5625 + 10000}};
  auto results = round_results(kGrouping, sums, 3);
  const auto& seven = unit(results[0], "seven");
  ASSERT_FALSE(seven.hidden);
  EXPECT_DOUBLE_EQ(seven.index.mean, 75);
  EXPECT_NEAR(seven.index.sd, 25, 1e-9);
  EXPECT_EQ(unit(results[0], "adm").index.n, 6);
}

TEST(SurveyResults, AnswersWithoutAUnitCountInTheWholeRoundOnly) {
  std::vector<ScaleSums> sums = {{"satisfaction", std::nullopt, 40, 2800, 200000}};
  auto results = round_results(kGrouping, sums, 5);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].total.index.n, 40);
  EXPECT_DOUBLE_EQ(results[0].total.index.mean, 70);
  EXPECT_TRUE(unit(results[0], "adm").hidden);  // no one answered there
}

TEST(SurveyResults, EachScaleIsSuppressedOnItsOwnCounts) {
  std::vector<ScaleSums> sums = {{"a", "seven", 6, 300, 15000},
                                 {"a", "three", 6, 300, 15000},
                                 {"b", "seven", 6, 300, 15000},
                                 {"b", "three", 2, 100, 5000}};
  auto results = round_results(kGrouping, sums, 5);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(unit(results[0], "three").hidden);
  EXPECT_TRUE(unit(results[1], "three").hidden);
  EXPECT_TRUE(unit(results[1], "seven").hidden);
}

}  // namespace
}  // namespace surveys
