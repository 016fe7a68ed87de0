#include "core/working_days.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "core/time.hpp"

namespace core {
namespace {

std::string format_date(long long days) {
  const auto c = civil_from_days(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

long long parse_date(const std::string& date) {
  if (!is_valid_date(date)) throw std::invalid_argument("not a date: " + date);
  return days_from_civil(std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)),
                         std::stoi(date.substr(8, 2)));
}

// The Saturday in the week running from `first` (a date) to six days after it.
long long saturday_from(long long first) {
  constexpr int kSaturday = 5;
  return first + ((kSaturday - weekday_mon0(first)) + 7) % 7;
}

// Denmark: the days off under the Danish holiday act (helligdagsloven) and the usual
// agreements: New Year, Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension,
// Whit Sunday and Monday, Constitution Day (5 June), Christmas Eve to Boxing Day and New
// Year's Eve. Store Bededag (4th Friday after Easter) was abolished from 2024.
std::vector<long long> danish(int year, long long easter) {
  std::vector<long long> d = {days_from_civil(year, 1, 1),
                              easter - 3,
                              easter - 2,
                              easter,
                              easter + 1,
                              easter + 39,
                              easter + 49,
                              easter + 50,
                              days_from_civil(year, 6, 5),
                              days_from_civil(year, 12, 24),
                              days_from_civil(year, 12, 25),
                              days_from_civil(year, 12, 26),
                              days_from_civil(year, 12, 31)};
  if (year < 2024) d.push_back(easter + 26);
  return d;
}

// Sweden: the public holidays of lagen om allmänna helgdagar (New Year, Epiphany, Good
// Friday, Easter Sunday and Monday, 1 May, Ascension, Whit Sunday, National Day 6 June,
// Midsummer Day — the Saturday 20–26 June, All Saints' Day — the Saturday 31 Oct–6 Nov,
// Christmas and Boxing Day) and the eves that are days off by agreement: Midsummer Eve,
// Christmas Eve and New Year's Eve.
std::vector<long long> swedish(int year, long long easter) {
  const long long midsummer = saturday_from(days_from_civil(year, 6, 20));
  return {days_from_civil(year, 1, 1),
          days_from_civil(year, 1, 6),
          easter - 2,
          easter,
          easter + 1,
          days_from_civil(year, 5, 1),
          easter + 39,
          easter + 49,
          days_from_civil(year, 6, 6),
          midsummer - 1,
          midsummer,
          saturday_from(days_from_civil(year, 10, 31)),
          days_from_civil(year, 12, 24),
          days_from_civil(year, 12, 25),
          days_from_civil(year, 12, 26),
          days_from_civil(year, 12, 31)};
}

std::vector<long long> holidays(int year, HolidayCalendar calendar) {
  const long long easter = easter_sunday(year);
  auto d = calendar == HolidayCalendar::kSweden ? swedish(year, easter) : danish(year, easter);
  std::sort(d.begin(), d.end());
  return d;
}

bool working(long long day, HolidayCalendar calendar) {
  if (weekday_mon0(day) >= 5) return false;
  const int year = civil_from_days(day).year;
  auto off = holidays(year, calendar);
  return !std::binary_search(off.begin(), off.end(), day);
}

}  // namespace

HolidayCalendar holiday_calendar(std::string_view code) {
  return code == "se" ? HolidayCalendar::kSweden : HolidayCalendar::kDenmark;
}

// The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
long long easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return days_from_civil(year, month, day);
}

std::vector<std::string> public_holidays(int year, HolidayCalendar calendar) {
  std::vector<std::string> out;
  for (long long d : holidays(year, calendar)) out.push_back(format_date(d));
  return out;
}

bool is_working_day(const std::string& date, HolidayCalendar calendar) {
  return working(parse_date(date), calendar);
}

std::string add_working_days(const std::string& date, int n, HolidayCalendar calendar) {
  long long day = parse_date(date);
  for (int left = n; left > 0;) {
    ++day;
    if (working(day, calendar)) --left;
  }
  return format_date(day);
}

int working_days_between(const std::string& from, const std::string& to, HolidayCalendar calendar) {
  int count = 0;
  for (long long d = parse_date(from) + 1, end = parse_date(to); d <= end; ++d)
    if (working(d, calendar)) ++count;
  return count;
}

}  // namespace core
