#include "meetings/meeting.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace meetings {
namespace {

using nlohmann::json;

TEST(MeetingTest, LocalTimesAreRealMoments) {
  EXPECT_EQ(format_local(*parse_local("2026-04-14T09:00")), "2026-04-14T09:00");
  EXPECT_EQ(format_local(*parse_local("2026-04-14 09:00:00")), "2026-04-14T09:00");
  for (const char* bad :
       {"2026-02-29T09:00", "2026-04-31T09:00", "2026-04-14T24:00", "2026-04-14T09:60",
        "2026-04-14", "14-04-2026 09:00", "2026-04-14T09:00:30", "2026-04-14T09:00Z"}) {
    EXPECT_FALSE(parse_local(bad)) << bad;
  }
  EXPECT_TRUE(parse_local("2028-02-29T09:00"));
  EXPECT_EQ(format_local(plus_minutes(*parse_local("2026-12-31T23:30"), 60)), "2027-01-01T00:30");
  EXPECT_EQ(plus_days("2026-02-28", 1), "2026-03-01");
  EXPECT_EQ(plus_days("2026-12-31", 1), "2027-01-01");
}

TEST(MeetingTest, ParsesAMeetingWithDefaults) {
  core::Input input(json{{"kind", "kaizen"},
                         {"title", "Kaizenmøde"},
                         {"starts_at", "2026-04-14T14:00"},
                         {"agenda", json::array({"KPI'er", " ", "Forbedringskort"})}});
  auto m = meeting_fields().parse_new(input);
  EXPECT_EQ(m.duration_minutes, kDefaultDuration);
  EXPECT_FALSE(m.repeat);
  EXPECT_EQ(m.agenda, (std::vector<std::string>{"KPI'er", "Forbedringskort"}));
  EXPECT_EQ(ends_at(m), "2026-04-14T15:00");
  auto j = to_json(m);
  EXPECT_EQ(j["ends_at"], "2026-04-14T15:00");
  EXPECT_TRUE(j["location"].is_null());
}

TEST(MeetingTest, RefusesBadFieldsByName) {
  core::Input input(json{{"kind", "coffee"},
                         {"starts_at", "2026-04-31T09:00"},
                         {"duration_minutes", 2000},
                         {"agenda", "one\ntwo"}});
  try {
    meeting_fields().parse_new(input);
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().count("kind"), 1u);
    EXPECT_EQ(e.fields().count("title"), 1u);
    EXPECT_EQ(e.fields().count("starts_at"), 1u);
    EXPECT_EQ(e.fields().count("duration_minutes"), 1u);
    EXPECT_EQ(e.fields().count("agenda"), 0u);  // a string is one item per line
  }
}

TEST(MeetingTest, StartsAreKeptAsTheTenantsWallTime) {
  core::Input input(json{{"kind", "kaizen"},
                         {"title", "Kaizenmøde"},
                         {"starts_at", "2026-04-14T12:00:00Z"},
                         {"repeat", {{"every_days", 7}, {"count", 2}}}});
  auto m = meeting_fields().parse_new(input);
  ASSERT_TRUE(m.repeat);
  EXPECT_EQ(m.repeat->count, 2);
  EXPECT_EQ(local_start(m.starts_at, core::time_zone("Europe/Copenhagen")), "2026-04-14T14:00");
  EXPECT_EQ(local_start("2026-04-14T14:00", core::time_zone("Europe/Copenhagen")),
            "2026-04-14T14:00");
  EXPECT_FALSE(to_json(m).contains("repeat"));
}

TEST(MeetingTest, AnUpdateMayNotEmptyTheDuration) {
  Meeting stored;
  stored.id = "m1";
  stored.duration_minutes = 90;
  core::Input input(json{{"duration_minutes", nullptr}, {"title", "Nyt navn"}});
  try {
    meeting_fields().apply(input, stored);
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().count("duration_minutes"), 1u);
  }
  core::Input minutes(json{{"minutes", "Referat"}});
  auto changed = meeting_fields().apply(minutes, stored);
  EXPECT_EQ(changed.minutes, "Referat");
  EXPECT_EQ(changed.duration_minutes, 90);
}

TEST(MeetingTest, ASeriesRepeatsEveryNDaysAtTheSameTime) {
  core::Input input(json{{"repeat", {{"every_days", 14}, {"count", 3}}}});
  auto repeat = parse_repeat(input);
  input.check();
  ASSERT_TRUE(repeat);
  Meeting first;
  first.starts_at = "2026-04-14T14:00";
  auto series = expand_series(first, *repeat);
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[1].starts_at, "2026-04-28T14:00");
  EXPECT_EQ(series[2].starts_at, "2026-05-12T14:00");

  core::Input bad(json{{"repeat", {{"every_days", 0}, {"count", 100}}}});
  EXPECT_FALSE(parse_repeat(bad));
  EXPECT_THROW(bad.check(), core::ValidationError);
  core::Input form(json{{"repeat_every_days", "7"}, {"repeat_count", "4"}}, true);
  auto from_form = parse_repeat(form);
  ASSERT_TRUE(from_form);
  EXPECT_EQ(from_form->every_days, 7);
  EXPECT_EQ(from_form->count, 4);
  core::Input none(json::object());
  EXPECT_FALSE(parse_repeat(none));
}

TEST(MeetingTest, AttendanceListsAreCheckedPerEntry) {
  auto ok = parse_attendance(
      json::array({{{"person_id", "01ARZ3NDEKTSV4RRFFQ69G5FAV"}, {"status", "present"}},
                   {{"person_id", "01ARZ3NDEKTSV4RRFFQ69G5FAW"},
                    {"status", "substitute"},
                    {"substitute_name", "Lise Holm"}},
                   {{"person_id", "01ARZ3NDEKTSV4RRFFQ69G5FAX"}, {"status", nullptr}}}));
  ASSERT_EQ(ok.size(), 3u);
  EXPECT_EQ(ok[1].substitute_name, "Lise Holm");
  EXPECT_FALSE(ok[2].status);
  try {
    parse_attendance(
        json::array({{{"person_id", "01ARZ3NDEKTSV4RRFFQ69G5FAV"}, {"status", "late"}},
                     {{"person_id", "01ARZ3NDEKTSV4RRFFQ69G5FAW"}, {"status", "substitute"}},
                     {{"person_id", "01ARZ3NDEKTSV4RRFFQ69G5FAV"}, {"status", "absent"}}}));
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().count("attendance[0].status"), 1u);
    EXPECT_EQ(e.fields().count("attendance[1].substitute_name"), 1u);
    EXPECT_EQ(e.fields().count("attendance[2].person_id"), 1u);
  }
  EXPECT_THROW(parse_attendance(json::object()), core::ValidationError);
}

TEST(MeetingTest, TheKindDecidesWhoIsInvited) {
  auto steering = invited_roles("steering_group");
  EXPECT_NE(std::find(steering.begin(), steering.end(), "steering_chair"), steering.end());
  EXPECT_NE(std::find(steering.begin(), steering.end(), "owner"), steering.end());
  auto kaizen = invited_roles("kaizen");
  EXPECT_NE(std::find(kaizen.begin(), kaizen.end(), "change_agent"), kaizen.end());
  EXPECT_EQ(std::find(kaizen.begin(), kaizen.end(), "steering_member"), kaizen.end());
}

}  // namespace
}  // namespace meetings
