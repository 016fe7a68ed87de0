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

TEST(Utf8Shorten, CutsOnlyBetweenCharactersAndMarksTheCut) {
  EXPECT_EQ(utf8_shorten("æøå", 6), "æøå");
  EXPECT_EQ(utf8_shorten("æøå", 5), "æø…");
  EXPECT_EQ(utf8_prefix("æøå", 1), "");
  EXPECT_EQ(utf8_prefix("abc", 2), "ab");
}

}  // namespace
}  // namespace core
