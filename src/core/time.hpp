#pragma once

#include <chrono>
#include <string>

namespace core {

// Timestamps are stored and sent as UTC ISO-8601 with milliseconds
// ("2026-11-23T10:00:00.000Z"): they sort as text on both database engines.
std::string now_iso();
std::string to_iso(std::chrono::system_clock::time_point tp);
std::string iso_plus_seconds(long long seconds);

// Wall-clock time in Denmark and Sweden, "YYYY-MM-DDTHH:MM": CET, and CEST from the last
// Sunday of March to the last Sunday of October (switching at 01:00 UTC). Tenants have
// no time zone of their own yet; both countries share this one.
std::string nordic_local_time(std::chrono::system_clock::time_point tp);
std::string nordic_local_now();
// Its date part, "YYYY-MM-DD": "today" for deadlines and card dates.
std::string nordic_local_today();

// "YYYY-MM-DD", a real calendar day (1900–2200).
bool is_valid_date(const std::string& date);

}  // namespace core
