// Status reports, pure: the fields read the typed areas, the snapshot is assembled from the
// sections with the worst suggestion per area, the level cut, and two reports compared.
#include "status_reports/status_report.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "status_reports/report_render.hpp"

namespace status_reports {
namespace {

using nlohmann::json;

Section section(const std::string& key, json data, std::map<std::string, Suggestion> s = {}) {
  return {key, std::move(data), std::move(s)};
}

TEST(StatusReportFields, ReadsTypedAreasAndRefusesUnknownOnes) {
  core::Input in(json{
      {"level", "strategic"},
      {"areas",
       {{"time", {{"colour", "red"}, {"reason", "late"}}}, {"scope", {{"reason", "as planned"}}}}},
      {"decisions", {"Approve phase 2"}}});
  auto r = report_fields().parse_new(in);
  EXPECT_EQ(r.level, "strategic");
  ASSERT_EQ(r.areas.size(), 2u);
  EXPECT_EQ(r.decisions, std::vector<std::string>{"Approve phase 2"});

  core::Input bad(
      json{{"level", "board"},
           {"areas", {{"weather", {{"colour", "red"}}}, {"time", {{"colour", "blue"}}}}}});
  try {
    report_fields().parse_new(bad);
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().count("level"));
    EXPECT_TRUE(e.fields().count("areas.weather"));
    EXPECT_TRUE(e.fields().count("areas.time.colour"));
  }
}

TEST(StatusReportAssembly, WorstSuggestionPerAreaAndTypedColourWins) {
  StatusReport typed;
  typed.areas.push_back({.key = "time", .colour = "green", .reason = "we catch up"});
  typed.areas.push_back({.key = "benefits", .colour = "", .reason = "see below"});
  std::vector<Section> sections = {
      section("overdue_actions", {{"items", json::array()}},
              {{"time", {"yellow", {"report_suggest_overdue", {{"n", 2}}}}}}),
      section("kpis", {{"items", json::array()}},
              {{"time", {"red", {"report_suggest_kpis_worse", {{"n", 3}}}}},
               {"benefits", {"yellow", {"report_suggest_benefits_at_risk", {}}}}}),
  };
  auto r = assemble(typed, sections);
  ASSERT_EQ(r.areas.size(), kAreas.size());
  EXPECT_EQ(r.areas[0].key, "time");
  EXPECT_EQ(r.areas[0].suggested, "red");  // the worse of yellow and red
  EXPECT_EQ(r.areas[0].suggested_because.key, "report_suggest_kpis_worse");
  EXPECT_EQ(r.areas[0].colour, "green");  // the leader's word stands
  EXPECT_EQ(r.areas[0].reason, "we catch up");
  EXPECT_EQ(r.areas[3].key, "benefits");
  EXPECT_EQ(r.areas[3].colour, "yellow");  // none typed: the suggestion
  EXPECT_EQ(r.areas[4].key, "risks");      // no section speaks to it yet
  EXPECT_EQ(r.areas[4].suggested, "green");
  EXPECT_EQ(r.areas[4].suggested_because.key, "report_suggest_no_data");
  ASSERT_EQ(r.sections.size(), 2u);
  EXPECT_EQ(r.sections[1]["key"], "kpis");

  // Stored and read back, the areas are the same.
  auto back = areas_from_json(areas_json(r.areas));
  ASSERT_EQ(back.size(), r.areas.size());
  EXPECT_EQ(back[0].suggested_because.params["n"], 3);
  EXPECT_EQ(back[3].colour, "yellow");
}

TEST(StatusReportLevels, EachLevelSeesItsOwnKpisAndThoseAbove) {
  EXPECT_TRUE(shows_level("operational", "operational"));
  EXPECT_TRUE(shows_level("operational", "strategic"));
  EXPECT_TRUE(shows_level("tactical", "strategic"));
  EXPECT_FALSE(shows_level("tactical", "operational"));
  EXPECT_FALSE(shows_level("strategic", "tactical"));
  EXPECT_TRUE(shows_level("strategic", "strategic"));
  EXPECT_EQ(worse("green", "yellow"), "yellow");
  EXPECT_EQ(worse("red", "yellow"), "red");
}

TEST(StatusReportCompare, ColoursKpisAndNewOverdueActions) {
  StatusReport older, newer;
  older.id = "A";
  older.issued_on = "2026-04-01";
  newer.id = "B";
  newer.issued_on = "2026-05-01";
  older = assemble(
      older,
      {section(
           "kpis",
           {{"items",
             {{{"id", "k1"}, {"name", "Ventetid"}, {"last", 12}, {"chart_status", "no_signal"}},
              {{"id", "k2"}, {"name", "Fravær"}, {"last", 5}, {"chart_status", "no_signal"}}}}}),
       section("overdue_actions", {{"items", {{{"id", "a1"}, {"task", "Old"}}}}},
               {{"time", {"yellow", {}}}})});
  StatusReport typed_newer = newer;
  typed_newer.areas.push_back({.key = "budget", .colour = "red"});
  newer = assemble(
      typed_newer,
      {section("kpis",
               {{"items",
                 {{{"id", "k1"}, {"name", "Ventetid"}, {"last", 9}, {"chart_status", "better"}},
                  {{"id", "k2"}, {"name", "Fravær"}, {"last", 5}, {"chart_status", "no_signal"}},
                  {{"id", "k3"}, {"name", "Ny"}, {"last", 1}, {"chart_status", "no_data"}}}}}),
       section("overdue_actions",
               {{"items", {{{"id", "a1"}, {"task", "Old"}}, {{"id", "a2"}, {"task", "New"}}}}},
               {{"time", {"yellow", {}}}})});
  auto c = compare(older, newer);
  EXPECT_EQ(c["older"]["id"], "A");
  EXPECT_EQ(c["newer"]["id"], "B");
  int changed = 0;
  for (const auto& a : c["areas"]) {
    if (a["changed"]) {
      ++changed;
      EXPECT_EQ(a["key"], "budget");
      EXPECT_EQ(a["before"], "green");
      EXPECT_EQ(a["after"], "red");
    }
  }
  EXPECT_EQ(changed, 1);
  ASSERT_EQ(c["kpis_moved"].size(), 2u);  // k1 moved, k3 is new, k2 stayed
  EXPECT_EQ(c["kpis_moved"][0]["id"], "k1");
  EXPECT_EQ(c["kpis_moved"][0]["last_before"], 12);
  EXPECT_EQ(c["kpis_moved"][0]["last_after"], 9);
  EXPECT_EQ(c["kpis_moved"][0]["status_after"], "better");
  EXPECT_EQ(c["kpis_moved"][1]["id"], "k3");
  EXPECT_TRUE(c["kpis_moved"][1]["new"]);
  ASSERT_EQ(c["new_overdue_actions"].size(), 1u);
  EXPECT_EQ(c["new_overdue_actions"][0]["id"], "a2");
}

// Without Chromium the PDF is not made (the route answers 503), never half made.
TEST(StatusReportPdf, NoneWithoutChromium) {
  ::setenv("FREMDRIFT_CHROMIUM", "/nonexistent/chromium", 1);
  EXPECT_FALSE(html_to_pdf("<p>x</p>"));
  ::unsetenv("FREMDRIFT_CHROMIUM");
}

}  // namespace
}  // namespace status_reports
