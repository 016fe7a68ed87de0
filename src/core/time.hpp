#pragma once

#include <chrono>
#include <string>

namespace core {

// Timestamps are stored and sent as UTC ISO-8601 with milliseconds
// ("2026-11-23T10:00:00.000Z"): they sort as text on both database engines.
std::string now_iso();
std::string to_iso(std::chrono::system_clock::time_point tp);
std::string iso_plus_seconds(long long seconds);

}  // namespace core
