#include "core/time.hpp"

#include <cctype>
#include <ctime>
#include <string_view>

#include <fmt/format.h>

namespace core {
namespace {

// The last Sunday of a month, as days since the epoch.
long long last_sunday(long long year, int month) {
  long long last =
      (month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1)) - 1;
  return last - (weekday_mon0(last) + 1) % 7;
}

bool digits(std::string_view s, std::size_t from, std::size_t n) {
  for (std::size_t i = from; i < from + n; ++i) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

int number(std::string_view s, std::size_t from, std::size_t n) {
  int v = 0;
  for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Seconds east of UTC in the zone at the instant `utc_seconds`.
long long offset_seconds(const TimeZone& zone, long long utc_seconds) {
  long long offset = zone.standard_offset_minutes * 60LL;
  if (!zone.eu_summer_time) return offset;
  long long year =
      civil_from_days(utc_seconds >= 0 ? utc_seconds / 86400 : (utc_seconds - 86399) / 86400).year;
  long long start = last_sunday(year, 3) * 86400 + 3600;
  long long end = last_sunday(year, 10) * 86400 + 3600;
  return utc_seconds >= start && utc_seconds < end ? offset + 3600 : offset;
}

LocalDateTime from_seconds(long long local_seconds) {
  long long days = local_seconds >= 0 ? local_seconds / 86400 : (local_seconds - 86399) / 86400;
  long long rest = local_seconds - days * 86400;
  auto d = civil_from_days(days);
  return {d.year, d.month, d.day, static_cast<int>(rest / 3600),
          static_cast<int>(rest % 3600 / 60)};
}

}  // namespace

std::optional<LocalDateTime> parse_local(std::string_view s) {
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  if (!digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2) ||
      (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2)) {
    return std::nullopt;
  }
  if (s.size() == 19 && (s[16] != ':' || s.substr(17) != "00")) return std::nullopt;
  LocalDateTime t{number(s, 0, 4), number(s, 5, 2), number(s, 8, 2), number(s, 11, 2),
                  number(s, 14, 2)};
  if (t.year < 1900 || t.year > 2200 || t.month < 1 || t.month > 12 || t.day < 1 || t.hour > 23 ||
      t.minute > 59) {
    return std::nullopt;
  }
  auto check = civil_from_days(days_from_civil(t.year, t.month, t.day));
  if (check.month != t.month || check.day != t.day) return std::nullopt;  // 31 April
  return t;
}

std::string format_local(const LocalDateTime& t) {
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute);
}

LocalDateTime plus_minutes(LocalDateTime t, long long minutes) {
  long long total =
      days_from_civil(t.year, t.month, t.day) * 1440 + t.hour * 60 + t.minute + minutes;
  return from_seconds(total * 60);
}

std::string plus_days(const std::string& date, int days) {
  auto t = parse_local(date + "T00:00");
  if (!t) return date;
  return format_local(plus_minutes(*t, 1440LL * days)).substr(0, 10);
}

const std::vector<TimeZone>& time_zones() {
  static const std::vector<TimeZone> kZones = {
      {"Europe/Copenhagen", 60, true}, {"Europe/Stockholm", 60, true},
      {"Europe/Oslo", 60, true},       {"Europe/Berlin", 60, true},
      {"Atlantic/Faroe", 0, true},     {"Europe/Helsinki", 120, true},
      {"Europe/Tallinn", 120, true},   {"Europe/Riga", 120, true},
      {"Europe/Vilnius", 120, true},   {"Atlantic/Reykjavik", 0, false}};
  return kZones;
}

bool is_time_zone(std::string_view name) {
  for (const auto& z : time_zones())
    if (z.name == name) return true;
  return false;
}

const TimeZone& time_zone(std::string_view name) {
  for (const auto& z : time_zones())
    if (z.name == name) return z;
  return time_zones().front();
}

LocalDateTime local_time(const TimeZone& zone, std::chrono::system_clock::time_point tp) {
  long long utc = std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()).count();
  return from_seconds(utc + offset_seconds(zone, utc));
}

std::string local_now(std::string_view zone) {
  return format_local(local_time(time_zone(zone), std::chrono::system_clock::now()));
}

std::string local_today(std::string_view zone) { return local_now(zone).substr(0, 10); }

std::optional<LocalDateTime> parse_time_in_zone(std::string_view text, const TimeZone& zone) {
  if (auto local = parse_local(text)) return local;
  // RFC 3339: date "T" time, optional fraction, then "Z" or ±hh:mm.
  if (text.size() < 20 || !digits(text, 0, 4) || text[4] != '-' || !digits(text, 5, 2) ||
      text[7] != '-' || !digits(text, 8, 2) || (text[10] != 'T' && text[10] != 't') ||
      !digits(text, 11, 2) || text[13] != ':' || !digits(text, 14, 2) || text[16] != ':' ||
      !digits(text, 17, 2))
    return std::nullopt;
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    std::size_t first = at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    if (at == first) return std::nullopt;
  }
  long long offset = 0;
  std::string_view zone_part = text.substr(at);
  if (zone_part == "Z" || zone_part == "z") {
    offset = 0;
  } else if (zone_part.size() == 6 && (zone_part[0] == '+' || zone_part[0] == '-') &&
             digits(zone_part, 1, 2) && zone_part[3] == ':' && digits(zone_part, 4, 2)) {
    int hours = number(zone_part, 1, 2), minutes = number(zone_part, 4, 2);
    if (hours > 23 || minutes > 59) return std::nullopt;
    offset = (hours * 60LL + minutes) * 60 * (zone_part[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  auto wall = parse_local(text.substr(0, 16));
  int second = number(text, 17, 2);
  if (!wall || second > 60) return std::nullopt;
  long long utc = (days_from_civil(wall->year, wall->month, wall->day) * 1440 + wall->hour * 60 +
                   wall->minute) *
                      60 +
                  second - offset;
  return from_seconds(utc + offset_seconds(zone, utc));
}

std::string to_iso(std::chrono::system_clock::time_point tp) {
  // Written digit by digit: every request stamps a time or two (the access log, sessions),
  // and fmt with gmtime_r cost more than the rest of a small request's logging.
  constexpr long long kMsPerDay = 86'400'000;
  const long long ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(tp.time_since_epoch()).count();
  const long long days = (ms >= 0 ? ms : ms - (kMsPerDay - 1)) / kMsPerDay;
  const long long in_day = ms - days * kMsPerDay;
  const CivilDate date = civil_from_days(days);
  std::string out = "0000-00-00T00:00:00.000Z";
  const auto put = [&out](std::size_t at, int width, long long value) {
    for (int i = width - 1; i >= 0; --i, value /= 10)
      out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, 4, date.year);
  put(5, 2, date.month);
  put(8, 2, date.day);
  put(11, 2, in_day / 3'600'000);
  put(14, 2, in_day / 60'000 % 60);
  put(17, 2, in_day / 1000 % 60);
  put(20, 3, in_day % 1000);
  return out;
}

std::string now_iso() { return to_iso(std::chrono::system_clock::now()); }

std::string iso_plus_seconds(long long seconds) {
  return to_iso(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

std::string nordic_local_time(std::chrono::system_clock::time_point tp) {
  return format_local(local_time(time_zone(kDefaultTimeZone), tp));
}

std::string nordic_local_now() { return nordic_local_time(std::chrono::system_clock::now()); }

std::string nordic_local_today() { return nordic_local_now().substr(0, 10); }

bool is_valid_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(d[static_cast<std::size_t>(i)]))) return false;
  }
  int y = std::stoi(d.substr(0, 4)), m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return day <= max;
}

}  // namespace core
