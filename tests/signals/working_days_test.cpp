#include "core/working_days.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace {

using core::HolidayCalendar;

bool has(const std::vector<std::string>& days, const std::string& d) {
  return std::find(days.begin(), days.end(), d) != days.end();
}

TEST(WorkingDays, EasterSundayKnownYears) {
  EXPECT_EQ(core::easter_sunday(2024), core::days_from_civil(2024, 3, 31));
  EXPECT_EQ(core::easter_sunday(2025), core::days_from_civil(2025, 4, 20));
  EXPECT_EQ(core::easter_sunday(2026), core::days_from_civil(2026, 4, 5));
  EXPECT_EQ(core::easter_sunday(2027), core::days_from_civil(2027, 3, 28));
  EXPECT_EQ(core::easter_sunday(2038), core::days_from_civil(2038, 4, 25));
}

TEST(WorkingDays, DanishHolidays2027) {
  auto d = core::public_holidays(2027, HolidayCalendar::kDenmark);
  for (const char* day : {"2027-01-01", "2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29",
                          "2027-05-06", "2027-05-16", "2027-05-17", "2027-06-05", "2027-12-24",
                          "2027-12-25", "2027-12-26", "2027-12-31"})
    EXPECT_TRUE(has(d, day)) << day;
  // Store Bededag (the 4th Friday after Easter) is a working day from 2024.
  EXPECT_FALSE(has(d, "2027-04-23"));
  EXPECT_TRUE(core::is_working_day("2027-04-23", HolidayCalendar::kDenmark));
  EXPECT_TRUE(has(core::public_holidays(2023, HolidayCalendar::kDenmark), "2023-05-05"));
  EXPECT_FALSE(has(core::public_holidays(2024, HolidayCalendar::kDenmark), "2024-04-26"));
  // Not Swedish ones.
  EXPECT_FALSE(has(d, "2027-01-06"));
  EXPECT_FALSE(has(d, "2027-06-06"));
}

TEST(WorkingDays, SwedishHolidays) {
  auto d = core::public_holidays(2027, HolidayCalendar::kSweden);
  for (const char* day :
       {"2027-01-01", "2027-01-06", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06",
        "2027-06-06", "2027-06-25", "2027-06-26", "2027-11-06", "2027-12-24", "2027-12-31"})
    EXPECT_TRUE(has(d, day)) << day;
  EXPECT_FALSE(has(d, "2027-03-25"));  // no Maundy Thursday in Sweden
  EXPECT_FALSE(has(d, "2027-06-05"));  // nor the Danish Constitution Day
  // Midsummer Eve is the Friday 19–25 June.
  EXPECT_FALSE(core::is_working_day("2026-06-19", HolidayCalendar::kSweden));
  EXPECT_TRUE(core::is_working_day("2026-06-19", HolidayCalendar::kDenmark));
  EXPECT_FALSE(core::is_working_day("2025-06-20", HolidayCalendar::kSweden));
  // All Saints' Day on the Saturday 31 Oct – 6 Nov.
  EXPECT_TRUE(has(core::public_holidays(2026, HolidayCalendar::kSweden), "2026-10-31"));
}

TEST(WorkingDays, AddSkipsWeekendsAndHolidays) {
  // Friday + 1 → Monday.
  EXPECT_EQ(core::add_working_days("2026-12-04", 1, HolidayCalendar::kDenmark), "2026-12-07");
  EXPECT_EQ(core::add_working_days("2026-12-04", 0, HolidayCalendar::kDenmark), "2026-12-04");
  // Wednesday 24 March 2027 + 1 in Denmark: Thursday to Monday of Easter are off → Tuesday.
  EXPECT_EQ(core::add_working_days("2027-03-24", 1, HolidayCalendar::kDenmark), "2027-03-30");
  // In Sweden Maundy Thursday works.
  EXPECT_EQ(core::add_working_days("2027-03-24", 1, HolidayCalendar::kSweden), "2027-03-25");
  // Ten working days over Christmas 2026 in Denmark: 24–26 and 31 Dec, 1 Jan are off.
  EXPECT_EQ(core::add_working_days("2026-12-18", 10, HolidayCalendar::kDenmark), "2027-01-07");
  EXPECT_EQ(core::add_working_days("2026-12-18", 10, HolidayCalendar::kSweden), "2027-01-08");
  EXPECT_EQ(core::working_days_between("2026-12-18", "2027-01-07", HolidayCalendar::kDenmark), 10);
  EXPECT_EQ(core::working_days_between("2027-01-07", "2026-12-18", HolidayCalendar::kDenmark), 0);
}

TEST(WorkingDays, CalendarCodes) {
  EXPECT_EQ(core::holiday_calendar("se"), HolidayCalendar::kSweden);
  EXPECT_EQ(core::holiday_calendar("dk"), HolidayCalendar::kDenmark);
  EXPECT_EQ(core::holiday_calendar(""), HolidayCalendar::kDenmark);
}

}  // namespace
