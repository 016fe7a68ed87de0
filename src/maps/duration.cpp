#include "maps/duration.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace maps {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// UTF-8 letters (å, ø, ö …) count as letters: every byte of a multi-byte sequence.
bool is_letter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::int64_t> unit_minutes(std::string_view word) {
  std::string w = lower(word);
  if (!w.empty() && w.back() == '.') w.pop_back();  // "min.", "tim."
  for (const auto& u : duration_units())
    if (u.word == w) return u.minutes;
  return std::nullopt;
}

}  // namespace

const std::vector<DurationUnit>& duration_units() {
  static const std::vector<DurationUnit> units = {{"min", 1},
                                                  {"mins", 1},
                                                  {"minut", 1},
                                                  {"minutter", 1},
                                                  {"minuter", 1},
                                                  {"minute", 1},
                                                  {"minutes", 1},
                                                  {"t", kMinutesPerHour},
                                                  {"time", kMinutesPerHour},
                                                  {"timer", kMinutesPerHour},
                                                  {"tim", kMinutesPerHour},
                                                  {"timme", kMinutesPerHour},
                                                  {"timmar", kMinutesPerHour},
                                                  {"h", kMinutesPerHour},
                                                  {"hr", kMinutesPerHour},
                                                  {"hrs", kMinutesPerHour},
                                                  {"hour", kMinutesPerHour},
                                                  {"hours", kMinutesPerHour},
                                                  {"d", kMinutesPerDay},
                                                  {"dag", kMinutesPerDay},
                                                  {"dage", kMinutesPerDay},
                                                  {"dagar", kMinutesPerDay},
                                                  {"døgn", kMinutesPerDay},
                                                  {"dygn", kMinutesPerDay},
                                                  {"day", kMinutesPerDay},
                                                  {"days", kMinutesPerDay},
                                                  {"u", kMinutesPerWeek},
                                                  {"uge", kMinutesPerWeek},
                                                  {"uger", kMinutesPerWeek},
                                                  {"v", kMinutesPerWeek},
                                                  {"vecka", kMinutesPerWeek},
                                                  {"veckor", kMinutesPerWeek},
                                                  {"w", kMinutesPerWeek},
                                                  {"wk", kMinutesPerWeek},
                                                  {"wks", kMinutesPerWeek},
                                                  {"week", kMinutesPerWeek},
                                                  {"weeks", kMinutesPerWeek}};
  return units;
}

ParsedDuration parse_duration(std::string_view text) {
  std::size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && is_space(text[i])) ++i;
  };
  skip_spaces();
  if (i == text.size()) return {std::nullopt, true};
  double total = 0;
  bool bare = false;  // a number without a unit: minutes, and nothing may follow
  while (i < text.size()) {
    if (bare) return {};
    std::size_t start = i;
    while (i < text.size() && (is_digit(text[i]) || text[i] == ',' || text[i] == '.')) ++i;
    std::string number(text.substr(start, i - start));
    if (number.empty() || !is_digit(number.front()) || !is_digit(number.back())) return {};
    for (auto& c : number)
      if (c == ',') c = '.';
    if (number.find('.') != number.rfind('.')) return {};
    double value = std::strtod(number.c_str(), nullptr);
    skip_spaces();
    start = i;
    while (i < text.size() && (is_letter(text[i]) || text[i] == '.')) ++i;
    if (i == start) {
      bare = true;
      total += value;
    } else {
      auto minutes = unit_minutes(text.substr(start, i - start));
      if (!minutes) return {};
      total += value * static_cast<double>(*minutes);
    }
    skip_spaces();
    if (total > static_cast<double>(kMaxDurationMinutes)) return {};
  }
  return {static_cast<std::int64_t>(std::llround(total)), false};
}

std::string format_duration(const DurationLabels& labels, std::int64_t minutes) {
  if (minutes == 0) return "0 " + labels.minute;
  std::string out = minutes < 0 ? "−" : "";
  std::int64_t m = std::llabs(minutes);
  bool first = true;
  auto add = [&](std::int64_t n, const std::string& unit) {
    if (n == 0) return;
    if (!first) out += " ";
    first = false;
    out += std::to_string(n) + " " + unit;
  };
  add(m / kMinutesPerWeek, m / kMinutesPerWeek == 1 ? labels.week : labels.weeks);
  m %= kMinutesPerWeek;
  add(m / kMinutesPerDay, labels.day);
  m %= kMinutesPerDay;
  add(m / kMinutesPerHour, labels.hour);
  add(m % kMinutesPerHour, labels.minute);
  return out;
}

}  // namespace maps
