#include "programmes/portfolio.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace programmes {
namespace {

PortfolioRow row(const std::string& id, const std::string& title, int phase,
                 const std::string& status, std::optional<std::string> end,
                 const std::string& updated) {
  PortfolioRow r;
  r.id = id;
  r.title = title;
  r.template_key = "kl-workflow";
  r.phase_key = "phase-" + std::to_string(phase);
  r.phase_index = phase;
  r.status = status;
  r.end_date = std::move(end);
  r.last_update = updated;
  return r;
}

std::vector<std::string> titles(const std::vector<PortfolioRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.title);
  return out;
}

class PortfolioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rows = {row("01A", "beta", 2, "red", "2026-06-30", "2026-03-01T00:00:00.000Z"),
            row("01B", "Alfa", 4, "green", std::nullopt, "2026-05-01T00:00:00.000Z"),
            row("01C", "Gamma", 0, "yellow", "2026-01-31", "2026-04-01T00:00:00.000Z")};
    rows[0].unit_ids = {"01ARZ3NDEKTSV4RRFFQ69G5FA1"};
    rows[0].tracks = {"Styrket borgerkontakt"};
    rows[0].programmes = {{"01ARZ3NDEKTSV4RRFFQ69G5FA3", "Mere kerneopgave"}};
    rows[2].unit_ids = {"01ARZ3NDEKTSV4RRFFQ69G5FA1", "01ARZ3NDEKTSV4RRFFQ69G5FA2"};
  }
  std::vector<PortfolioRow> rows;
};

TEST_F(PortfolioTest, SortsByTitleIgnoringCaseByDefault) {
  auto q = parse_portfolio_query({});
  EXPECT_EQ(titles(select_rows(rows, q)), (std::vector<std::string>{"Alfa", "beta", "Gamma"}));
  q.descending = true;
  EXPECT_EQ(titles(select_rows(rows, q)), (std::vector<std::string>{"Gamma", "beta", "Alfa"}));
}

TEST_F(PortfolioTest, SortsByPhaseStatusAndLastUpdate) {
  EXPECT_EQ(titles(select_rows(rows, parse_portfolio_query({{"sort", "phase"}}))),
            (std::vector<std::string>{"Gamma", "beta", "Alfa"}));
  // green → yellow → red; descending puts the projects that need attention first.
  EXPECT_EQ(titles(select_rows(rows, parse_portfolio_query({{"sort", "status"}, {"dir", "desc"}}))),
            (std::vector<std::string>{"beta", "Gamma", "Alfa"}));
  EXPECT_EQ(titles(select_rows(rows, parse_portfolio_query({{"sort", "last_update"}}))),
            (std::vector<std::string>{"beta", "Gamma", "Alfa"}));
}

TEST_F(PortfolioTest, ProjectsWithoutAnEndDateStayLastInBothDirections) {
  EXPECT_EQ(titles(select_rows(rows, parse_portfolio_query({{"sort", "end_date"}}))),
            (std::vector<std::string>{"Gamma", "beta", "Alfa"}));
  EXPECT_EQ(
      titles(select_rows(rows, parse_portfolio_query({{"sort", "end_date"}, {"dir", "desc"}}))),
      (std::vector<std::string>{"beta", "Gamma", "Alfa"}));
}

TEST_F(PortfolioTest, FiltersCombine) {
  EXPECT_EQ(
      titles(select_rows(rows, parse_portfolio_query({{"unit", "01ARZ3NDEKTSV4RRFFQ69G5FA1"}}))),
      (std::vector<std::string>{"beta", "Gamma"}));
  EXPECT_EQ(titles(select_rows(rows, parse_portfolio_query({{"unit", "01ARZ3NDEKTSV4RRFFQ69G5FA1"},
                                                            {"status", "yellow"}}))),
            (std::vector<std::string>{"Gamma"}));
  EXPECT_EQ(titles(select_rows(rows, parse_portfolio_query({{"track", "Styrket borgerkontakt"}}))),
            (std::vector<std::string>{"beta"}));
  EXPECT_EQ(titles(select_rows(
                rows, parse_portfolio_query({{"programme", "01ARZ3NDEKTSV4RRFFQ69G5FA3"}}))),
            (std::vector<std::string>{"beta"}));
  EXPECT_EQ(titles(select_rows(rows, parse_portfolio_query({{"phase", "phase-4"}}))),
            (std::vector<std::string>{"Alfa"}));
  // An empty parameter (as a GET form sends "any") filters nothing.
  EXPECT_EQ(select_rows(rows, parse_portfolio_query({{"status", ""}, {"unit", ""}})).size(), 3u);
}

TEST_F(PortfolioTest, BadParametersAreNamed) {
  try {
    parse_portfolio_query({{"status", "purple"}, {"sort", "budget"}, {"dir", "up"}, {"unit", "x"}});
    FAIL() << "expected a validation error";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().size(), 4u);
    EXPECT_EQ(e.fields().at("sort"), "must be one of: title, phase, status, last_update, end_date");
  }
}

TEST_F(PortfolioTest, QueryStringCarriesOnlyWhatIsChosen) {
  EXPECT_EQ(to_query_string(parse_portfolio_query({})), "");
  auto q = parse_portfolio_query({{"status", "red"},
                                  {"track", "Styrket borgerkontakt"},
                                  {"sort", "end_date"},
                                  {"dir", "desc"}});
  EXPECT_EQ(to_query_string(q), "status=red&track=Styrket%20borgerkontakt&sort=end_date&dir=desc");
  EXPECT_EQ(to_query_string(parse_portfolio_query({{"sort", "title"}, {"dir", "asc"}})), "");
}

TEST(LatestTest, PicksTheNewestTimestamp) {
  EXPECT_EQ(latest({std::string("2026-01-01T00:00:00.000Z"), std::nullopt,
                    std::string("2026-02-01T00:00:00.000Z")}),
            "2026-02-01T00:00:00.000Z");
  EXPECT_EQ(latest({std::nullopt}), "");
}

}  // namespace
}  // namespace programmes

namespace programmes {
namespace {

TEST(PortfolioCursorTest, CarriesTheQueryAndThePlaceAndRefusesAnythingElse) {
  PortfolioCursor c{parse_portfolio_query({{"status", "red"}, {"sort", "phase"}}),
                    {2, std::string("ffb"), "æblehaven", "01ARZ3NDEKTSV4RRFFQ69G5FA1"},
                    true};
  auto text = encode_cursor(c);
  auto back = parse_portfolio_ask({{"cursor", text}});
  ASSERT_TRUE(back.cursor.has_value());
  EXPECT_EQ(to_query_string(back.query), "status=red&sort=phase");
  EXPECT_EQ(back.cursor->place.rank, 2);
  EXPECT_EQ(back.cursor->place.key, "ffb");
  EXPECT_EQ(back.cursor->place.title_key, "æblehaven");
  EXPECT_TRUE(back.cursor->before);
  EXPECT_NO_THROW(parse_portfolio_ask({{"cursor", text}, {"status", "red"}, {"sort", "phase"}}));
  EXPECT_THROW(parse_portfolio_ask({{"cursor", text}, {"status", "green"}}), core::ValidationError);
  for (const std::string& bad : std::vector<std::string>{
           "p", "p0", "pzz", "01ARZ3NDEKTSV4RRFFQ69G5FA1", text.substr(1), "p" + text.substr(3)})
    EXPECT_THROW(decode_cursor(bad), core::ValidationError) << bad;
}

}  // namespace
}  // namespace programmes
