#include "core/time.hpp"

#include <gtest/gtest.h>

#include "core/input.hpp"

namespace core {
namespace {

std::chrono::system_clock::time_point utc(int days_since_epoch, int hour, int minute) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(
      static_cast<long long>(days_since_epoch) * 86400 + hour * 3600 + minute * 60));
}

// 2026-03-29 and 2026-10-25 are the last Sundays of March and October 2026.
constexpr int k20260329 = 20541;
constexpr int k20261025 = 20751;
constexpr int k20261231 = 20818;

TEST(NordicLocalTime, WinterIsOneHourAheadOfUtc) {
  EXPECT_EQ(nordic_local_time(utc(k20261231, 23, 30)), "2027-01-01T00:30");
  EXPECT_EQ(nordic_local_time(utc(k20260329, 0, 59)), "2026-03-29T01:59");
}

TEST(NordicLocalTime, SummerTimeStartsAndEndsAtOneUtc) {
  EXPECT_EQ(nordic_local_time(utc(k20260329, 1, 0)), "2026-03-29T03:00");
  EXPECT_EQ(nordic_local_time(utc(k20261025, 0, 59)), "2026-10-25T02:59");
  EXPECT_EQ(nordic_local_time(utc(k20261025, 1, 0)), "2026-10-25T02:00");
}

TEST(TimeZones, TimesWithAnOffsetBecomeTheZonesWallClock) {
  const auto& cph = time_zone("Europe/Copenhagen");
  auto local = [](const std::optional<LocalDateTime>& t) { return t ? format_local(*t) : "none"; };
  EXPECT_EQ(local(parse_time_in_zone("2026-12-01T09:00", cph)), "2026-12-01T09:00");
  EXPECT_EQ(local(parse_time_in_zone("2026-12-01T09:00:00+01:00", cph)), "2026-12-01T09:00");
  EXPECT_EQ(local(parse_time_in_zone("2026-12-01T08:00:00Z", cph)), "2026-12-01T09:00");
  EXPECT_EQ(local(parse_time_in_zone("2026-12-01T08:00:00.250Z", cph)), "2026-12-01T09:00");
  EXPECT_EQ(local(parse_time_in_zone("2026-07-01T07:00:00Z", cph)), "2026-07-01T09:00");  // CEST
  EXPECT_EQ(local(parse_time_in_zone("2026-12-01T03:00:00-05:00", cph)), "2026-12-01T09:00");
  EXPECT_EQ(local(parse_time_in_zone("2026-12-01T08:00:00Z", time_zone("Europe/Helsinki"))),
            "2026-12-01T10:00");
  EXPECT_EQ(local(parse_time_in_zone("2026-07-01T08:00:00Z", time_zone("Atlantic/Reykjavik"))),
            "2026-07-01T08:00");
  for (const char* bad : {"2026-12-01", "2026-12-01T09:00+01:00", "2026-02-30T09:00:00Z",
                          "2026-12-01T09:00:00+25:00", "2026-12-01T09:00:30", "tomorrow"})
    EXPECT_EQ(local(parse_time_in_zone(bad, cph)), "none") << bad;
}

TEST(TimeZones, UnknownNamesFallBackAndCalendarArithmeticRoundTrips) {
  EXPECT_TRUE(is_time_zone("Europe/Stockholm"));
  EXPECT_FALSE(is_time_zone("Mars/Olympus"));
  EXPECT_EQ(time_zone("Mars/Olympus").name, kDefaultTimeZone);
  for (long long d : {-1LL, 0LL, 59LL, 20000LL, 36524LL}) {
    auto c = civil_from_days(d);
    EXPECT_EQ(days_from_civil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(weekday_mon0(days_from_civil(2026, 12, 6)), 6);  // a Sunday
  EXPECT_EQ(plus_days("2026-12-31", 1), "2027-01-01");
}

TEST(Utf8Shorten, CutsOnlyBetweenCharactersAndMarksTheCut) {
  EXPECT_EQ(utf8_shorten("æøå", 6), "æøå");
  EXPECT_EQ(utf8_shorten("æøå", 5), "æø…");
  EXPECT_EQ(utf8_prefix("æøå", 1), "");
  EXPECT_EQ(utf8_prefix("abc", 2), "ab");
}

}  // namespace
}  // namespace core
