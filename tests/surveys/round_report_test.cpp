// A round's report built from sums, without a database: the change since the baseline only
// where a unit is shown in both rounds, hidden lines without any figure (in the JSON and in
// the export's table), the trend in round order, and items scored like the scales.
#include "surveys/round_report.hpp"

#include <initializer_list>

#include <gtest/gtest.h>

namespace surveys {
namespace {

using nlohmann::json;

// A root unit with three units under it; everyone answers in the three.
const std::vector<GroupingUnit> kGrouping = {{"adm", std::nullopt, "Administration"},
                                             {"a", "adm", "Borgerservice"},
                                             {"b", "adm", "Ydelser"},
                                             {"c", "adm", "Kantinen"}};

Survey survey() {
  Survey s;
  s.id = "s1";
  s.title = "Social kapital";
  s.min_group = 5;
  s.questionnaire = {
      {"scales", {{{"key", "trust"}, {"name", {{"da", "Tillid"}, {"en", "Trust"}}}}}},
      {"items",
       {{{"key", "q1"}, {"kind", "likert"}, {"scale", "trust"}, {"text", {{"en", "One"}}}},
        {{"key", "q2"}, {"kind", "likert"}, {"scale", "trust"}, {"reverse", true}},
        {{"key", "why"}, {"kind", "text"}}}}};
  return s;
}

Round round(const std::string& id, long long number, const std::string& status = "closed") {
  Round r;
  r.id = id;
  r.survey_id = "s1";
  r.number = number;
  r.label = "Runde " + std::to_string(number);
  r.status = status;
  r.grouping = kGrouping;
  return r;
}

// The sums of `scores` answered in `unit` on `key`.
ScaleSums sums(const std::string& key, const std::string& unit,
               std::initializer_list<double> scores) {
  ScaleSums s{key, unit, 0, 0, 0};
  for (double x : scores) {
    ++s.n;
    s.sum += x;
    s.sum_of_squares += x * x;
  }
  return s;
}

const UnitLine& unit(const std::vector<UnitLine>& lines, const std::string& id) {
  for (const auto& u : lines)
    if (u.unit_id == id) return u;
  throw std::out_of_range(id);
}

// Baseline: six answered in each unit, around 50. Now: seven in a around 80, six in b as
// before, two in c (too few).
std::vector<RoundSums> two_rounds() {
  RoundSums base{
      round("r0", 0),
      {sums("trust", "a", {40, 50, 60, 50, 45, 55}), sums("trust", "b", {40, 50, 60, 50, 45, 55}),
       sums("trust", "c", {40, 50, 60, 50, 45, 55})},
      {}};
  RoundSums now{round("r1", 1),
                {sums("trust", "a", {75, 80, 85, 80, 75, 85, 80}),
                 sums("trust", "b", {40, 50, 60, 50, 45, 55}), sums("trust", "c", {90, 100})},
                {}};
  return {base, now};
}

TEST(SurveyRoundReport, AChangeOnlyWhereTheUnitIsShownInBothRounds) {
  const auto rounds = two_rounds();
  auto report = build_report(survey(), rounds[1].round, {}, rounds);
  ASSERT_TRUE(report.closed);
  ASSERT_TRUE(report.baseline);
  EXPECT_EQ(report.baseline->id, "r0");
  ASSERT_EQ(report.scales.size(), 1u);
  const auto& trust = report.scales[0];
  EXPECT_EQ(trust.key, "trust");
  EXPECT_EQ(trust.name["da"], "Tillid");
  // c is too few now; b, the smaller sibling, goes with it, or the administration's figure
  // would give c's.
  EXPECT_TRUE(unit(trust.units, "c").hidden);
  EXPECT_TRUE(unit(trust.units, "b").hidden);
  int hidden = 0;
  for (const auto& u : trust.units) {
    if (u.hidden) {
      ++hidden;
      EXPECT_FALSE(u.change) << u.unit_id;  // never a change for a hidden cell
      EXPECT_EQ(u.index.n, 0) << u.unit_id;
    } else if (u.unit_id != "adm") {
      ASSERT_TRUE(u.change) << u.unit_id;  // shown now and in the baseline
    }
  }
  EXPECT_EQ(hidden, 2);
  // a rose by 30 points with a small spread: beyond chance.
  const auto& a = unit(trust.units, "a");
  ASSERT_TRUE(a.change);
  EXPECT_NEAR(a.change->difference, 30, 1e-9);
  EXPECT_TRUE(a.change->beyond_chance);
  // The whole round is shown in both and moved.
  ASSERT_TRUE(trust.total.change);
  EXPECT_GT(trust.total.change->difference, 0);
}

TEST(SurveyRoundReport, NoChangeWhereTheBaselineHidTheUnit) {
  auto rounds = two_rounds();
  std::swap(rounds[0].scales, rounds[1].scales);  // c hidden in the baseline, shown now
  auto report = build_report(survey(), rounds[1].round, {}, rounds);
  const auto& trust = report.scales[0];
  EXPECT_FALSE(unit(trust.units, "c").hidden);
  EXPECT_FALSE(unit(trust.units, "c").change);
  EXPECT_EQ(unit(trust.units, "c").index.n, 6);
}

TEST(SurveyRoundReport, HiddenLinesCarryNoFiguresInTheJsonNorInTheTable) {
  const auto rounds = two_rounds();
  auto report = build_report(survey(), rounds[1].round, {}, rounds);
  auto body = report_json(report, json{{"id", "r1"}});
  EXPECT_EQ(body["baseline_round_id"], "r0");
  EXPECT_EQ(body["test"], "Welch's t-test, two-sided, 5 %");
  for (const auto& u : body["scales"][0]["units"]) {
    if (!u["hidden"].get<bool>()) continue;
    EXPECT_FALSE(u.contains("n")) << u.dump();
    EXPECT_FALSE(u.contains("mean")) << u.dump();
    EXPECT_FALSE(u.contains("sd")) << u.dump();
    EXPECT_TRUE(u["change"].is_null()) << u.dump();
  }
  EXPECT_TRUE(body["scales"][0]["total"]["change"].is_object());
  auto table = report_table(report, "da");
  ASSERT_GE(table.size(), 2u);
  EXPECT_EQ(table[0][0], "kind");
  EXPECT_EQ(table[0][5], "hidden");
  bool saw_hidden = false;
  for (std::size_t i = 1; i < table.size(); ++i) {
    ASSERT_EQ(table[i].size(), table[0].size());
    if (table[i][5] != "true") continue;
    saw_hidden = true;
    for (std::size_t c = 6; c < table[i].size(); ++c) EXPECT_EQ(table[i][c], "") << i << "," << c;
  }
  EXPECT_TRUE(saw_hidden);
  // The whole round's scale row in Danish: 15 answered, mean 70, the spread with a decimal
  // comma.
  EXPECT_EQ(table[1][0], "scale");
  EXPECT_EQ(table[1][2], "Tillid");
  EXPECT_EQ(table[1][3], "");
  EXPECT_EQ(table[1][5], "false");
  EXPECT_EQ(table[1][6], "15");
  EXPECT_EQ(table[1][7], "70");
  EXPECT_NE(table[1][8].find(','), std::string::npos) << table[1][8];
}

TEST(SurveyRoundReport, TheTrendFollowsTheRoundsInOrderAndHidesASmallRound) {
  auto rounds = two_rounds();
  RoundSums tiny{round("r2", 2), {sums("trust", "a", {100, 100})}, {}};
  // Given out of order: the trend is still 0, 1, 2.
  std::vector<RoundSums> given = {rounds[1], tiny, rounds[0]};
  auto report = build_report(survey(), rounds[0].round, {}, given);
  EXPECT_FALSE(report.baseline);  // this is the baseline
  const auto& trend = report.scales[0].trend;
  ASSERT_EQ(trend.size(), 3u);
  EXPECT_EQ(trend[0].number, 0);
  EXPECT_EQ(trend[1].number, 1);
  EXPECT_EQ(trend[2].number, 2);
  EXPECT_EQ(trend[0].round_id, "r0");
  EXPECT_FALSE(trend[0].hidden);
  EXPECT_NEAR(trend[0].index.mean, 50, 1e-9);
  EXPECT_EQ(trend[0].index.n, 18);
  EXPECT_TRUE(trend[2].hidden);  // two answered
  EXPECT_EQ(trend[2].index.n, 0);
  auto body = report_json(report, json::object());
  EXPECT_FALSE(body["scales"][0]["trend"][2].contains("mean"));
  // No baseline to compare with: no change anywhere.
  EXPECT_FALSE(report.scales[0].total.change);
}

TEST(SurveyRoundReport, BeforeTheRoundClosesThereAreNoResultsButTheBaselineIsNamed) {
  auto rounds = two_rounds();
  auto open = round("r1", 1, "open");
  auto report = build_report(survey(), open, {{"a", 6, 3}}, {rounds[0]});
  EXPECT_FALSE(report.closed);
  ASSERT_TRUE(report.baseline);
  EXPECT_TRUE(report.scales.empty());
  EXPECT_TRUE(report.items.empty());
  auto body = report_json(report, json::object());
  EXPECT_FALSE(body["closed"].get<bool>());
  EXPECT_EQ(body["participation"][0]["answered"], 3);
  EXPECT_TRUE(body["scales"].empty());
}

TEST(SurveyRoundReport, ItemsAreScoredLikeTheScalesWithReverseItemsFlipped) {
  // Points 0, 2, 4 on q1 (0, 50, 100) and on the reverse q2 (100, 50, 0); text is no item.
  std::vector<ItemSums> points = {{"q1", std::string("a"), 3, 6, 20},
                                  {"q2", std::string("a"), 3, 6, 20},
                                  {"why", std::string("a"), 3, 0, 0},
                                  {"gone", std::string("a"), 3, 6, 20}};
  auto scores = item_score_sums(survey().questionnaire, points);
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[0].scale_key, "q1");
  EXPECT_DOUBLE_EQ(scores[0].sum, 150);
  EXPECT_DOUBLE_EQ(scores[0].sum_of_squares, 0 + 2500 + 10000);
  EXPECT_EQ(scores[1].scale_key, "q2");
  EXPECT_DOUBLE_EQ(scores[1].sum, 150);
  EXPECT_DOUBLE_EQ(scores[1].sum_of_squares, 10000 + 2500 + 0);
  // Point 1 (25) six times on the reverse item: 75 each.
  auto reversed = item_score_sums(survey().questionnaire, {{"q2", std::nullopt, 6, 6, 6}});
  EXPECT_DOUBLE_EQ(reversed[0].sum, 6 * 75);
  EXPECT_DOUBLE_EQ(reversed[0].sum_of_squares, 6 * 75 * 75);

  // In a report: each item on its own count; q2 answered by too few in b is hidden there.
  RoundSums now{round("r0", 0),
                {sums("trust", "a", {50, 50, 50, 50, 50})},
                {{"q1", std::string("a"), 6, 12, 24}, {"q2", std::string("a"), 2, 2, 2}}};
  auto report = build_report(survey(), now.round, {}, {now});
  ASSERT_EQ(report.items.size(), 2u);  // the Likert items, in the questionnaire's order
  EXPECT_EQ(report.items[0].key, "q1");
  EXPECT_EQ(report.items[0].text["en"], "One");
  EXPECT_EQ(report.items[0].scale, "trust");
  EXPECT_FALSE(report.items[0].total.hidden);
  EXPECT_EQ(report.items[0].total.index.n, 6);
  EXPECT_DOUBLE_EQ(report.items[0].total.index.mean, 50);
  EXPECT_TRUE(report.items[1].reverse);
  EXPECT_TRUE(report.items[1].total.hidden);
  EXPECT_EQ(report.items[1].total.index.n, 0);
}

TEST(SurveyRoundReport, AScaleNobodyAnsweredIsListedHidden) {
  auto s = survey();
  s.questionnaire["scales"].push_back({{"key", "task"}, {"name", {{"en", "Core task"}}}});
  auto rounds = two_rounds();
  auto report = build_report(s, rounds[1].round, {}, rounds);
  ASSERT_EQ(report.scales.size(), 2u);
  EXPECT_EQ(report.scales[1].key, "task");
  EXPECT_TRUE(report.scales[1].total.hidden);
  for (const auto& u : report.scales[1].units) EXPECT_TRUE(u.hidden);
  EXPECT_TRUE(report.scales[1].trend[0].hidden);
}

}  // namespace
}  // namespace surveys
