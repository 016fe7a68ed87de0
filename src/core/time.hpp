#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// Timestamps are stored and sent as UTC ISO-8601 with milliseconds
// ("2026-11-23T10:00:00.000Z"): they sort as text on both database engines.
std::string now_iso();
std::string to_iso(std::chrono::system_clock::time_point tp);
std::string iso_plus_seconds(long long seconds);

// Calendar arithmetic, the one copy: proleptic Gregorian dates as days since 1970-01-01
// (Howard Hinnant's algorithms).
constexpr long long days_from_civil(long long y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153LL * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
struct CivilDate {
  int year = 1970, month = 1, day = 1;
};
constexpr CivilDate civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m,
          static_cast<int>(doy - (153 * mp + 2) / 5 + 1)};
}
// 0 = Monday … 6 = Sunday.
constexpr int weekday_mon0(long long days) { return static_cast<int>(((days + 3) % 7 + 7) % 7); }

// A wall-clock date and time without a zone.
struct LocalDateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
};
// "2026-04-14T09:00" (seconds ":00" accepted and dropped, a space for T too); nullopt when
// not a real moment.
std::optional<LocalDateTime> parse_local(std::string_view text);
std::string format_local(const LocalDateTime& t);  // "2026-04-14T09:00"
LocalDateTime plus_minutes(LocalDateTime t, long long minutes);
// Calendar arithmetic on "YYYY-MM-DD".
std::string plus_days(const std::string& date, int days);

// The time zones a tenant can choose. The Nordic and Baltic zones follow the EU rule for
// summer time (from the last Sunday of March to the last Sunday of October, switching at
// 01:00 UTC); Iceland has none.
struct TimeZone {
  std::string_view name;  // IANA, "Europe/Copenhagen"
  int standard_offset_minutes = 60;
  bool eu_summer_time = true;
};
inline constexpr std::string_view kDefaultTimeZone = "Europe/Copenhagen";
const std::vector<TimeZone>& time_zones();
bool is_time_zone(std::string_view name);
// The zone by name; the default zone for an unknown name.
const TimeZone& time_zone(std::string_view name);

LocalDateTime local_time(const TimeZone& zone, std::chrono::system_clock::time_point tp);
// "YYYY-MM-DDTHH:MM" now, and "YYYY-MM-DD" today, in the zone.
std::string local_now(std::string_view zone);
std::string local_today(std::string_view zone);
// A time as people and programs send it: local wall-clock time in the zone, kept as it is
// ("2026-12-01T09:00"), or an instant in RFC 3339 with "Z" or an offset
// ("2026-12-01T09:00:00+01:00", "2026-12-01T08:00:00.000Z"), turned into the zone's
// wall-clock time. nullopt when it is neither.
std::optional<LocalDateTime> parse_time_in_zone(std::string_view text, const TimeZone& zone);

// Wall-clock time in the default zone (Denmark; Sweden shares it), for code that has no
// tenant at hand.
std::string nordic_local_time(std::chrono::system_clock::time_point tp);
std::string nordic_local_now();
std::string nordic_local_today();

// "YYYY-MM-DD", a real calendar day (1900–2200).
bool is_valid_date(const std::string& date);

}  // namespace core
