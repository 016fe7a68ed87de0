#include "meetings/attendance.hpp"

#include <gtest/gtest.h>

namespace meetings {
namespace {

MeetingPresence meeting(const std::string& id, const std::string& at, std::set<std::string> units,
                        bool recorded = true) {
  return {id, at, recorded, std::move(units)};
}

TEST(AttendanceTest, FlagsAUnitAbsentFromTwoMeetingsInARow) {
  auto table = attendance_by_unit({meeting("m1", "2026-04-07T09:00", {"job", "soc", "sund"}),
                                   meeting("m2", "2026-04-14T14:00", {"job", "soc", "sund"}),
                                   meeting("m3", "2026-04-28T14:00", {"job", "sund"}),
                                   meeting("m4", "2026-05-12T14:00", {"job", "sund"})},
                                  {"job", "soc", "sund"});
  ASSERT_EQ(table.meeting_ids, (std::vector<std::string>{"m1", "m2", "m3", "m4"}));
  ASSERT_EQ(table.units.size(), 3u);
  EXPECT_FALSE(table.units[0].flagged);
  EXPECT_EQ(table.units[1].unit_id, "soc");
  EXPECT_TRUE(table.units[1].flagged);
  EXPECT_EQ(table.units[1].present, (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(table.units[1].longest_absence, 2);
  EXPECT_EQ(table.units[1].current_absence, 2);
  EXPECT_FALSE(table.units[2].flagged);
}

TEST(AttendanceTest, AbsencesApartAreNotFlaggedButAnEarlierRunStays) {
  auto apart = attendance_by_unit(
      {meeting("a", "2026-01-01T09:00", {}), meeting("b", "2026-01-15T09:00", {"soc"}),
       meeting("c", "2026-01-29T09:00", {})},
      {"soc"});
  EXPECT_FALSE(apart.units[0].flagged);
  EXPECT_EQ(apart.units[0].longest_absence, 1);
  auto earlier = attendance_by_unit(
      {meeting("a", "2026-01-01T09:00", {}), meeting("b", "2026-01-15T09:00", {}),
       meeting("c", "2026-01-29T09:00", {"soc"})},
      {"soc"});
  EXPECT_TRUE(earlier.units[0].flagged);
  EXPECT_EQ(earlier.units[0].current_absence, 0);
}

TEST(AttendanceTest, OnlyRecordedMeetingsCountInTimeOrder) {
  // Given out of order; the unrecorded meeting between two absences does not break the run.
  auto table = attendance_by_unit(
      {meeting("late", "2026-03-01T09:00", {}), meeting("skipped", "2026-02-15T09:00", {}, false),
       meeting("early", "2026-02-01T09:00", {})},
      {"soc"});
  EXPECT_EQ(table.meeting_ids, (std::vector<std::string>{"early", "late"}));
  EXPECT_TRUE(table.units[0].flagged);
  auto none = attendance_by_unit({meeting("x", "2026-02-01T09:00", {}, false)}, {"soc"});
  EXPECT_TRUE(none.meeting_ids.empty());
  EXPECT_FALSE(none.units[0].flagged);
  EXPECT_TRUE(none.units[0].present.empty());
}

}  // namespace
}  // namespace meetings
