// Benefits realisation, pure: the status a benefit shows in the plan and the gevinstdiagram's
// layout.
#include "benefits/benefit.hpp"

#include <gtest/gtest.h>

namespace benefits {
namespace {

Benefit dated(const std::string& target_date) {
  Benefit b;
  b.title = "Kortere ventetid";
  b.target_date = target_date;
  return b;
}

TEST(BenefitStatusTest, AJudgementDecidesWhateverTheKpisSay) {
  auto b = dated("2026-01-01");
  b.realisation = "realised";
  EXPECT_EQ(benefit_status(b, {"worse"}, "2026-12-06"), "realised");
  b.realisation = "partly";
  EXPECT_EQ(benefit_status(b, {"better"}, "2026-12-06"), "partly_realised");
  b.realisation = "not_realised";
  EXPECT_EQ(benefit_status(b, {"better"}, "2026-12-06"), "not_realised");
}

TEST(BenefitStatusTest, AWorseningKpiOrAPassedDateIsARisk) {
  EXPECT_EQ(benefit_status(dated("2027-06-30"), {"better", "worse"}, "2026-12-06"), "at_risk");
  EXPECT_EQ(benefit_status(dated("2026-12-05"), {"better"}, "2026-12-06"), "at_risk");
  // Due today is not late yet.
  EXPECT_EQ(benefit_status(dated("2026-12-06"), {"better"}, "2026-12-06"), "on_track");
}

TEST(BenefitStatusTest, WithoutAnImprovingKpiItAwaitsOrIsNotMeasured) {
  EXPECT_EQ(benefit_status(dated("2027-06-30"), {"better", "no_signal"}, "2026-12-06"), "on_track");
  EXPECT_EQ(benefit_status(dated("2027-06-30"), {"no_signal", "no_data"}, "2026-12-06"),
            "awaiting");
  EXPECT_EQ(benefit_status(dated("2027-06-30"), {"neutral"}, "2026-12-06"), "awaiting");
  EXPECT_EQ(benefit_status(dated(""), {}, "2026-12-06"), "not_measured");
  EXPECT_TRUE(counts_as_on_track("on_track"));
  EXPECT_TRUE(counts_as_on_track("realised"));
  EXPECT_FALSE(counts_as_on_track("awaiting"));
}

TEST(BenefitStatusTest, AKpiReadsAsItsNewestSignal) {
  EXPECT_EQ(kpi_chart_status(false, {}), "no_data");
  EXPECT_EQ(kpi_chart_status(true, {}), "no_signal");
  EXPECT_EQ(kpi_chart_status(true, {"worse", "better"}), "better");
  EXPECT_EQ(kpi_chart_status(true, {"worse", "better", "neutral"}), "better");
  EXPECT_EQ(kpi_chart_status(true, {"neutral"}), "neutral");
}

TEST(DiagramTest, SharedDeliverablesAndChangesAreDrawnOnce) {
  std::vector<DiagramBenefit> plan = {
      {"b1",
       "Kortere ventetid",
       "on_track",
       {"Fælles opstartsmøde", "Visitationsmøde"},
       {"Én indgang"}},
      {"b2",
       "Bedre samarbejde",
       "awaiting",
       {"Fælles opstartsmøde"},
       {"Én indgang", "Faste kontakter"}},
  };
  auto d = layout_diagram(plan, "Sammenhængende forløb");
  std::vector<int> per_column(kDiagramColumns, 0);
  for (const auto& n : d.nodes) ++per_column[n.column];
  EXPECT_EQ(per_column, (std::vector<int>{2, 2, 2, 1}));
  EXPECT_EQ(d.rows, 2);
  auto index = [&](int column, const std::string& text) {
    for (std::size_t i = 0; i < d.nodes.size(); ++i)
      if (d.nodes[i].column == column && d.nodes[i].text == text) return i;
    ADD_FAILURE() << text;
    return std::size_t{0};
  };
  auto has = [&](std::size_t from, std::size_t to) {
    for (const auto& e : d.edges)
      if (e.from == from && e.to == to) return true;
    return false;
  };
  auto meeting = index(0, "Fælles opstartsmøde");
  auto one_door = index(1, "Én indgang");
  auto contacts = index(1, "Faste kontakter");
  auto b1 = index(2, "Kortere ventetid");
  auto b2 = index(2, "Bedre samarbejde");
  auto purpose = index(3, "Sammenhængende forløb");
  EXPECT_TRUE(has(meeting, one_door));
  EXPECT_TRUE(has(meeting, contacts));
  EXPECT_FALSE(has(index(0, "Visitationsmøde"), contacts));  // another benefit's chain
  EXPECT_TRUE(has(one_door, b1));
  EXPECT_TRUE(has(one_door, b2));
  EXPECT_TRUE(has(b1, purpose));
  EXPECT_TRUE(has(b2, purpose));
  // Each edge once: 2 + 1 deliverable→change (the shared meeting→one door once), 3
  // change→benefit, 2 benefit→purpose.
  EXPECT_EQ(d.edges.size(), 8u);
  EXPECT_EQ(d.nodes[b2].row, 1);
  EXPECT_EQ(d.nodes[b2].status, "awaiting");
}

TEST(DiagramTest, ADeliverableWithoutAChangeLeadsStraightToItsBenefit) {
  auto d = layout_diagram({{"b1", "Færre timer", "at_risk", {"Fælles plan"}, {}}}, "Formål");
  ASSERT_EQ(d.nodes.size(), 3u);
  ASSERT_EQ(d.edges.size(), 2u);
  EXPECT_EQ(d.nodes[d.edges[0].from].column + d.nodes[d.edges[0].to].column +
                d.nodes[d.edges[1].from].column + d.nodes[d.edges[1].to].column,
            0 + 2 + 2 + 3);
  EXPECT_TRUE(layout_diagram({}, "Formål").nodes.empty());
}

TEST(DiagramTest, TextsWrapAtSpacesAndCountLettersNotBytes) {
  EXPECT_EQ(wrap_text("Færre overdragelser mellem sagsbehandlere", 20, 3),
            (std::vector<std::string>{"Færre overdragelser", "mellem", "sagsbehandlere"}));
  EXPECT_EQ(wrap_text("æøå æøå æøå", 7, 3), (std::vector<std::string>{"æøå æøå", "æøå"}));
  EXPECT_EQ(wrap_text("en to tre fire fem seks", 7, 2),
            (std::vector<std::string>{"en to", "tre…"}));
  EXPECT_TRUE(wrap_text("", 10, 3).empty());
}

}  // namespace
}  // namespace benefits
