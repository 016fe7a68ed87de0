#include "surveys/significance.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace surveys {
namespace {

TEST(SurveySignificance, TheCriticalValuesFollowStudentsTable) {
  EXPECT_DOUBLE_EQ(t_critical_5(1), 12.706);
  EXPECT_DOUBLE_EQ(t_critical_5(10), 2.228);
  EXPECT_DOUBLE_EQ(t_critical_5(10.7), 2.228);  // rounded down: the cautious side
  EXPECT_DOUBLE_EQ(t_critical_5(30), 2.042);
  EXPECT_NEAR(t_critical_5(60), 2.000, 0.001);
  EXPECT_NEAR(t_critical_5(120), 1.980, 0.001);
  EXPECT_NEAR(t_critical_5(1e9), 1.960, 0.001);
}

TEST(SurveySignificance, ALargeShiftWithLittleSpreadIsBeyondChance) {
  auto c = change_since({30, 50, 10}, {30, 60, 10});
  ASSERT_TRUE(c.has_value());
  EXPECT_DOUBLE_EQ(c->difference, 10);
  // se = sqrt(100/30 + 100/30) = 2.582; t = 3.873 with df 58.
  EXPECT_NEAR(c->t, 3.873, 0.001);
  EXPECT_NEAR(c->df, 58, 0.001);
  EXPECT_TRUE(c->beyond_chance);
}

TEST(SurveySignificance, ASmallShiftInASmallGroupIsWithinChance) {
  auto c = change_since({6, 50, 20}, {6, 58, 20});
  ASSERT_TRUE(c.has_value());
  EXPECT_DOUBLE_EQ(c->difference, 8);
  EXPECT_FALSE(c->beyond_chance);  // t = 0.69
  EXPECT_LT(c->t, 1);
}

TEST(SurveySignificance, UnequalSpreadsUseWelchsDegreesOfFreedom) {
  auto c = change_since({10, 40, 30}, {40, 55, 10});
  ASSERT_TRUE(c.has_value());
  // va = 90, vb = 2.5: df = 92.5² / (90²/9 + 2.5²/39) = 9.5.
  EXPECT_NEAR(c->df, 9.50, 0.01);
  EXPECT_NEAR(c->t, 15 / std::sqrt(92.5), 1e-9);
  EXPECT_FALSE(c->beyond_chance);  // 1.56 < 2.262 (df 9)
}

TEST(SurveySignificance, NoTestWithoutTwoRespondentsInEachRound) {
  EXPECT_FALSE(change_since({1, 50, 0}, {10, 60, 5}).has_value());
  EXPECT_FALSE(change_since({10, 50, 5}, {0, 0, 0}).has_value());
  auto flat = change_since({5, 50, 0}, {5, 50, 0});
  ASSERT_TRUE(flat.has_value());
  EXPECT_FALSE(flat->beyond_chance);
  auto moved = change_since({5, 50, 0}, {5, 75, 0});
  ASSERT_TRUE(moved.has_value());
  EXPECT_TRUE(moved->beyond_chance);
}

}  // namespace
}  // namespace surveys
