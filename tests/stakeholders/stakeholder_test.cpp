// The stakeholder analysis, pure: the quadrant of every place on the 5×5 grid (the threshold
// kHighFrom), internal and external, the suggested groups, and the field rules — who is
// exactly one of person, unit and name; influence and interest are whole numbers 1–5.
#include "stakeholders/stakeholder.hpp"

#include <algorithm>
#include <map>

#include <gtest/gtest.h>

#include "kit/expect_fields.hpp"
#include "stakeholders/stakeholder_view.hpp"

namespace stakeholders {
namespace {

using nlohmann::json;
using testing_kit::field_errors;

TEST(StakeholderTest, EveryPlaceOnTheGridHasItsQuadrant) {
  // Rows: influence 5 at the top; columns: interest 1 to 5. High is 4 and 5.
  const char* expected[5][5] = {
      {"S", "S", "S", "C", "C"},  // influence 5
      {"S", "S", "S", "C", "C"},  // influence 4
      {"M", "M", "M", "I", "I"},  // influence 3
      {"M", "M", "M", "I", "I"},  // influence 2
      {"M", "M", "M", "I", "I"},  // influence 1
  };
  const std::map<std::string, std::string> names = {
      {"C", "manage_closely"}, {"S", "keep_satisfied"}, {"I", "keep_informed"}, {"M", "monitor"}};
  for (long long influence = 5; influence >= 1; --influence)
    for (long long interest = 1; interest <= 5; ++interest)
      EXPECT_EQ(quadrant(influence, interest), names.at(expected[5 - influence][interest - 1]))
          << "influence " << influence << ", interest " << interest;
  EXPECT_EQ(kHighFrom, 4);
}

TEST(StakeholderTest, InternalAndExternal) {
  Stakeholder s;
  s.name = "Økonomi og data";
  s.group = "economy_data";
  EXPECT_EQ(side(s), "internal");
  s.group = "it_vendors";
  EXPECT_EQ(side(s), "external");
  // In "other", a person or unit of the tenant is internal, a free name external.
  s.group = "other";
  EXPECT_EQ(side(s), "external");
  s.name.reset();
  s.unit_id = "u1";
  EXPECT_EQ(side(s), "internal");
  EXPECT_EQ(label(s), "u1");
  s.unit_name = "Hjemmeplejen";
  EXPECT_EQ(label(s), "Hjemmeplejen");
}

TEST(StakeholderTest, ANextContactBeforeTodayIsOverdue) {
  Stakeholder s;
  EXPECT_FALSE(contact_overdue(s, "2026-12-06"));
  s.next_contact = "2026-12-05";
  EXPECT_TRUE(contact_overdue(s, "2026-12-06"));
  EXPECT_FALSE(contact_overdue(s, "2026-12-05"));
  EXPECT_FALSE(contact_overdue(s, ""));
}

TEST(StakeholderTest, TheSuggestedGroupsAreTheSeedsLessThosePresent) {
  EXPECT_EQ(suggested_groups({}).size(), 12u);
  EXPECT_EQ(suggested_groups({}).front(), "economy_data");
  EXPECT_EQ(suggested_groups({}).back(), "consultants");
  Stakeholder legal;
  legal.group = "legal";
  Stakeholder other;
  auto left = suggested_groups({legal, other});
  EXPECT_EQ(left.size(), 11u);
  EXPECT_EQ(std::count(left.begin(), left.end(), "legal"), 0);
  auto s = from_suggestion("citizens_relatives", "da");
  EXPECT_EQ(s.name, "Borgere og pårørende");
  EXPECT_EQ(s.influence, kDefaultPlace);
  EXPECT_EQ(from_suggestion("hr_med", "sv").name, "HR och samverkan");
}

Stakeholder parse(json body) {
  core::Input in(std::move(body));
  return stakeholder_fields().parse_new(in);
}

TEST(StakeholderTest, InfluenceAndInterestAreWholeNumbersFromOneToFive) {
  auto s = parse({{"name", "Frivilligcentret"}, {"influence", 2}, {"interest", 5}});
  EXPECT_EQ(s.influence, 2);
  EXPECT_EQ(s.interest, 5);
  EXPECT_EQ(to_json(s)["quadrant"], "keep_informed");
  for (const json& bad : {json("3.5"), json(3.5), json("x"), json(0), json(6), json(true)}) {
    auto errors = field_errors([&] {
      parse({{"name", "N"}, {"influence", bad}, {"interest", bad}});
    });
    EXPECT_TRUE(errors.contains("influence")) << bad;
    EXPECT_TRUE(errors.contains("interest")) << bad;
  }
  // A form's text is read as a number; "3.5" is not one.
  core::Input form(json{{"name", "N"}, {"influence", "4"}, {"interest", "3.5"}}, true);
  EXPECT_EQ(field_errors([&] { stakeholder_fields().parse_new(form); }).count("interest"), 1u);
  core::Input good(json{{"name", "N"}, {"influence", "4"}, {"interest", "1"}}, true);
  EXPECT_EQ(stakeholder_fields().parse_new(good).influence, 4);
}

TEST(StakeholderTest, WhoIsExactlyOneOfPersonUnitAndName) {
  EXPECT_TRUE(field_errors([] { parse(json::object()); }).contains("name"));
  EXPECT_TRUE(field_errors([] { parse({{"name", ""}}); }).contains("name"));
  auto both = field_errors([] { parse({{"person_id", "p1"}, {"name", "Lene"}}); });
  EXPECT_TRUE(both.contains("person_id"));
  EXPECT_TRUE(both.contains("name"));
  EXPECT_FALSE(both.contains("unit_id"));
  EXPECT_EQ(parse({{"unit_id", "u1"}}).unit_id, "u1");
  // A change to a person clears the name in the same update.
  auto s = parse({{"name", "Jura"}});
  core::Input change(json{{"person_id", "p1"}, {"name", nullptr}});
  auto changed = stakeholder_fields().apply(change, s);
  EXPECT_EQ(changed.person_id, "p1");
  EXPECT_FALSE(changed.name.has_value());
}

TEST(StakeholderTest, GroupAndNextContactAreChecked) {
  auto errors = field_errors([] {
    parse({{"name", "N"}, {"group", "friends"}, {"next_contact", "2026-02-30"}});
  });
  EXPECT_TRUE(errors.contains("group"));
  EXPECT_TRUE(errors.contains("next_contact"));
  EXPECT_EQ(parse({{"name", "N"}}).group, "other");
}

TEST(StakeholderTest, TheExportHasAHeadingAndARowEach) {
  Stakeholder s;
  s.name = "Jura";
  s.group = "legal";
  s.influence = 4;
  s.interest = 5;
  s.next_contact = "2027-01-15";
  auto table = export_table({s}, "en");
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table[0][0], "Stakeholder");
  EXPECT_EQ(table[1][0], "Jura");
  EXPECT_EQ(table[1][2], "Legal");
  EXPECT_EQ(table[1][5], "Manage closely");
  EXPECT_EQ(table[1][kNextContactColumn], "2027-01-15");
}

TEST(StakeholderTest, TheGridPlacesEachStakeholderInItsCell) {
  Stakeholder a;
  a.id = "a";
  a.project_id = "p";
  a.name = "A";
  a.influence = 5;
  a.interest = 1;
  auto grid = grid_view({a}, "da");
  ASSERT_EQ(grid.size(), 5u);
  EXPECT_EQ(grid[0]["influence"], 5);
  EXPECT_EQ(grid[0]["cells"][0]["stakeholders"][0]["label"], "A");
  EXPECT_EQ(grid[0]["cells"][0]["stakeholders"][0]["url"], "/projects/p/stakeholders/a");
  EXPECT_EQ(grid[0]["cells"][0]["corner"], "Hold tilfreds");
  EXPECT_EQ(grid[4]["cells"][4]["quadrant"], "keep_informed");
  auto quadrants = quadrants_view({a}, "da");
  EXPECT_EQ(quadrants[1]["key"], "keep_satisfied");
  EXPECT_EQ(quadrants[1]["count"], 1);
  EXPECT_EQ(quadrants[0]["empty"], true);
}

}  // namespace
}  // namespace stakeholders
