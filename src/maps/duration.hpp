#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maps {

// A step's duration and waiting time are stored in minutes; people type and read them
// as "2 t", "3 d", "1 uge" (docs/decisions.md D31: a day is 24 hours and a week
// 7 days, calendar time, as lead time is the time the citizen waits).
inline constexpr std::int64_t kMinutesPerHour = 60;
inline constexpr std::int64_t kMinutesPerDay = 24 * kMinutesPerHour;
inline constexpr std::int64_t kMinutesPerWeek = 7 * kMinutesPerDay;
// Ten years: anything longer is a typing error, and the sums stay far from overflow.
inline constexpr std::int64_t kMaxDurationMinutes = 520 * kMinutesPerWeek;

struct DurationUnit {
  std::string_view word;  // lower case, as typed: "t", "timer", "vecka", "wk"
  std::int64_t minutes;
};

// Every unit word of the three languages. None is ambiguous between them, so the text
// parses the same whatever the reader's language; the editor gets this table too.
const std::vector<DurationUnit>& duration_units();

// "2 t", "1 t 30 min", "1,5 d", "3d", "45" (bare minutes). Empty text is nullopt with
// `empty` set; anything else unreadable, negative or over kMaxDurationMinutes is nullopt.
struct ParsedDuration {
  std::optional<std::int64_t> minutes;
  bool empty = false;
};
ParsedDuration parse_duration(std::string_view text);

// The units' short names in one language: "uge"/"uger", "d", "t", "min".
struct DurationLabels {
  std::string week;
  std::string weeks;
  std::string day;
  std::string hour;
  std::string minute;
};

// Minutes as the reader says them, largest units first: 12 000 → "1 uge 1 d 8 t".
std::string format_duration(const DurationLabels& labels, std::int64_t minutes);

}  // namespace maps
