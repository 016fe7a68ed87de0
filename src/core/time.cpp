#include "core/time.hpp"

#include <cctype>
#include <ctime>

#include <fmt/format.h>

namespace core {
namespace {

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

// The last Sunday of a month, as days since the epoch.
long long last_sunday(long long year, unsigned month) {
  long long last =
      (month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1)) - 1;
  long long weekday = ((last + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; Sunday is 0
  return last - weekday;
}

}  // namespace

std::string to_iso(std::chrono::system_clock::time_point tp) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(tp.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000);
}

std::string now_iso() { return to_iso(std::chrono::system_clock::now()); }

std::string iso_plus_seconds(long long seconds) {
  return to_iso(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

std::string nordic_local_time(std::chrono::system_clock::time_point tp) {
  using namespace std::chrono;
  long long now = duration_cast<seconds>(tp.time_since_epoch()).count();
  std::time_t t = static_cast<std::time_t>(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  long long year = utc.tm_year + 1900;
  long long start = last_sunday(year, 3) * 86400 + 3600;
  long long end = last_sunday(year, 10) * 86400 + 3600;
  std::time_t local = static_cast<std::time_t>(now + ((now >= start && now < end) ? 7200 : 3600));
  std::tm tm{};
  gmtime_r(&local, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min);
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
