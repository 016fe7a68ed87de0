#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace core {

// Which public holidays count as days off: a tenant's calendar.
enum class HolidayCalendar { kDenmark, kSweden };

// "dk" or "se" (the tenant setting); anything else is Denmark.
HolidayCalendar holiday_calendar(std::string_view code);

// Easter Sunday of `year` as days since 1970-01-01 (Gregorian computus).
long long easter_sunday(int year);

// The public holidays of `year` falling on any weekday, as "YYYY-MM-DD", sorted.
std::vector<std::string> public_holidays(int year, HolidayCalendar calendar);

// Whether "YYYY-MM-DD" is a working day: not Saturday or Sunday, not a public holiday.
bool is_working_day(const std::string& date, HolidayCalendar calendar);

// The date `n` working days after `date` (n ≥ 0; 0 gives `date` itself), counting only
// working days. A deadline given on a Friday with n = 1 falls on Monday.
std::string add_working_days(const std::string& date, int n, HolidayCalendar calendar);

// How many working days lie after `from` up to and including `to` (0 when to ≤ from).
int working_days_between(const std::string& from, const std::string& to, HolidayCalendar calendar);

}  // namespace core
