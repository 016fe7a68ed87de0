// The risk log's pure rules: score, bands (the tenant's thresholds inclusive), the heat
// map's counts before and after mitigation, overdue reviews and the field table's checks.
#include "risks/risk.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace risks {
namespace {

Risk risk(long long p, long long c, std::optional<long long> pa = std::nullopt,
          std::optional<long long> ca = std::nullopt, const std::string& status = "open") {
  Risk r;
  r.probability = p;
  r.consequence = c;
  r.probability_after = pa;
  r.consequence_after = ca;
  r.status = status;
  return r;
}

TEST(RiskTest, ScoreIsProbabilityTimesConsequence) {
  EXPECT_EQ(score(1, 1), 1);
  EXPECT_EQ(score(4, 5), 20);
  EXPECT_EQ(score(5, 5), 25);
  EXPECT_EQ(score_after(risk(4, 5, 2, 3)), 6);
  EXPECT_FALSE(score_after(risk(4, 5)).has_value());
}

TEST(RiskTest, BandsIncludeTheirThresholds) {
  Bands defaults;
  EXPECT_EQ(band(1, defaults), "low");
  EXPECT_EQ(band(4, defaults), "low");
  EXPECT_EQ(band(5, defaults), "medium");
  EXPECT_EQ(band(14, defaults), "medium");
  EXPECT_EQ(band(15, defaults), "high");
  EXPECT_EQ(band(25, defaults), "high");
  Bands strict{2, 6};
  EXPECT_EQ(band(2, strict), "low");
  EXPECT_EQ(band(3, strict), "medium");
  EXPECT_EQ(band(6, strict), "high");
}

TEST(RiskTest, TheHeatMapCountsEachRiskOnceAndLeavesClosedOnesOut) {
  std::vector<Risk> risks = {risk(5, 5, 2, 2), risk(5, 5), risk(1, 3), risk(3, 3, 1, 1, "closed"),
                             risk(2, 4, 1, 4, "occurred")};
  auto before = matrix(risks, false);
  EXPECT_EQ(before.counts[4][4], 2);
  EXPECT_EQ(before.counts[0][2], 1);
  EXPECT_EQ(before.counts[2][2], 0);
  EXPECT_EQ(before.counts[1][3], 1);
  EXPECT_EQ(before.total, 4);
  auto after = matrix(risks, true);
  EXPECT_EQ(after.counts[4][4], 1);  // no after pair: it keeps its place
  EXPECT_EQ(after.counts[1][1], 1);
  EXPECT_EQ(after.counts[0][3], 1);
  EXPECT_EQ(after.counts[0][0], 0);  // closed
  EXPECT_EQ(after.total, 4);
}

TEST(RiskTest, TheMatrixJsonHasTwentyFiveCellsFromTheTopLeft) {
  auto j = matrices_json({risk(5, 1), risk(1, 5)}, Bands{});
  const auto& cells = j["before"]["cells"];
  ASSERT_EQ(cells.size(), 25u);
  EXPECT_EQ(cells[0]["probability"], 5);
  EXPECT_EQ(cells[0]["consequence"], 1);
  EXPECT_EQ(cells[0]["count"], 1);
  EXPECT_EQ(cells[0]["band"], "medium");
  EXPECT_EQ(cells[24]["probability"], 1);
  EXPECT_EQ(cells[24]["consequence"], 5);
  EXPECT_EQ(cells[24]["count"], 1);
  EXPECT_EQ(cells[4]["band"], "high");  // 5 × 5
  EXPECT_EQ(cells[20]["band"], "low");  // 1 × 1
  EXPECT_EQ(j["after"]["total"], 2);
}

TEST(RiskTest, AReviewIsOverdueOnlyWhileTheRiskIsOpen) {
  auto r = risk(2, 2);
  r.next_review = "2026-03-01";
  EXPECT_TRUE(review_overdue(r, "2026-03-02"));
  EXPECT_FALSE(review_overdue(r, "2026-03-01"));
  r.status = "closed";
  EXPECT_FALSE(review_overdue(r, "2026-03-02"));
  r.status = "open";
  r.next_review = "";
  EXPECT_FALSE(review_overdue(r, "2026-03-02"));
}

TEST(RiskTest, TheFieldsRefuseScoresOutsideOneToFiveAndText) {
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, nlohmann::json>>{{"probability", 0},
                                                           {"probability", 6},
                                                           {"consequence", "3"},
                                                           {"consequence", nullptr}}) {
    nlohmann::json body = {{"title", "T"}, {"probability", 3}, {"consequence", 3}};
    body[field] = value;
    core::Input in(body);
    try {
      risk_fields().parse_new(in);
      ADD_FAILURE() << field << " = " << value.dump() << " was taken";
    } catch (const core::ValidationError& e) {
      EXPECT_EQ(e.fields().count(field), 1u) << field;
    }
  }
  // From a form, "3" is a number; an empty after pair is none.
  auto in = core::Input::from_form({{"title", "T"},
                                    {"probability", "3"},
                                    {"consequence", "4"},
                                    {"probability_after", ""},
                                    {"consequence_after", ""}});
  auto r = risk_fields().parse_new(in);
  EXPECT_EQ(r.probability, 3);
  EXPECT_FALSE(r.probability_after.has_value());
}

TEST(RiskTest, TheAfterPairIsBothOrNeitherAndOccurredAsksWhatNow) {
  core::Input half(nlohmann::json{
      {"title", "T"}, {"probability", 3}, {"consequence", 3}, {"consequence_after", 2}});
  EXPECT_THROW(risk_fields().parse_new(half), core::ValidationError);
  core::Input occurred(nlohmann::json{
      {"title", "T"}, {"probability", 3}, {"consequence", 3}, {"status", "occurred"}});
  try {
    risk_fields().parse_new(occurred);
    ADD_FAILURE();
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().count("what_now"), 1u);
  }
}

}  // namespace
}  // namespace risks
