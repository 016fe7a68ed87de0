#include "surveys/scoring.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace surveys {
namespace {

const Scale kTrust{"trust", {{"a"}, {"b"}, {"c", true}, {"d"}}};

TEST(SurveyScoring, LikertPointsScoreZeroToHundredAndReverseItemsTurnAround) {
  EXPECT_DOUBLE_EQ(likert_score(0), 0);
  EXPECT_DOUBLE_EQ(likert_score(1), 25);
  EXPECT_DOUBLE_EQ(likert_score(4), 100);
  EXPECT_DOUBLE_EQ(likert_score(1, true), 75);
  EXPECT_DOUBLE_EQ(likert_score(4, true), 0);
  EXPECT_THROW(likert_score(5), std::out_of_range);
  EXPECT_THROW(likert_score(-1), std::out_of_range);
}

TEST(SurveyScoring, ARespondentsIndexIsTheMeanOfTheAnsweredItemsWithReverseItemsTurned) {
  // a 100, b 50, c reversed 3 → 25, d 75: (100 + 50 + 25 + 75) / 4.
  auto index = respondent_index(kTrust, {{"a", 4}, {"b", 2}, {"c", 3}, {"d", 3}});
  ASSERT_TRUE(index.has_value());
  EXPECT_DOUBLE_EQ(*index, 62.5);
}

TEST(SurveyScoring, ARespondentCountsInAScaleOnlyWithAtLeastHalfItsItemsAnswered) {
  auto half = respondent_index(kTrust, {{"a", 4}, {"c", 4}});
  ASSERT_TRUE(half.has_value());
  EXPECT_DOUBLE_EQ(*half, 50);  // 100 and reversed 0
  EXPECT_FALSE(respondent_index(kTrust, {{"a", 4}}).has_value());
  EXPECT_FALSE(respondent_index(kTrust, {}).has_value());
  const Scale three{"three", {{"x"}, {"y"}, {"z"}}};
  EXPECT_FALSE(respondent_index(three, {{"x", 1}}).has_value());
  EXPECT_TRUE(respondent_index(three, {{"x", 1}, {"y", 1}}).has_value());
  // An answer to an item of another scale does not count here.
  EXPECT_FALSE(respondent_index(kTrust, {{"a", 4}, {"other", 4}}).has_value());
}

TEST(SurveyScoring, TheFourQuickQuestionsSummedToSixteenGiveTheSameIndexAsTheMean) {
  // Four items scored 0–4, summed to 0–16 and put on 0–100: 3 + 2 + 4 + 1 = 10 → 62.5.
  const Scale quick{"quick", {{"q1"}, {"q2"}, {"q3"}, {"q4"}}};
  auto index = respondent_index(quick, {{"q1", 3}, {"q2", 2}, {"q3", 4}, {"q4", 1}});
  ASSERT_TRUE(index.has_value());
  EXPECT_DOUBLE_EQ(*index, 10.0 / 16.0 * 100.0);
}

TEST(SurveyScoring, AGroupsIndexIsTheMeanOfItsRespondentsWithTheirSpread) {
  auto g = group_index({50, 75, 100});
  EXPECT_EQ(g.n, 3);
  EXPECT_DOUBLE_EQ(g.mean, 75);
  EXPECT_DOUBLE_EQ(g.sd, 25);
  EXPECT_EQ(group_index({}).n, 0);
  auto one = group_index({40});
  EXPECT_DOUBLE_EQ(one.mean, 40);
  EXPECT_DOUBLE_EQ(one.sd, 0);
}

}  // namespace
}  // namespace surveys
