#pragma once

#include <string>

#include <soci/soci.h>

namespace accounts {

inline constexpr int kMaxFailures = 10;
inline constexpr int kWindowSeconds = 15 * 60;

// Counts failed logins per account e-mail and per client address in the database
// (shared by every instance). Throws TooManyRequests before a password is even
// checked once either key has kMaxFailures failures inside the window.
class LoginLimiter {
 public:
  explicit LoginLimiter(soci::session& sql) : sql_(sql) {}
  void check(const std::string& email, const std::string& address);
  void record_failure(const std::string& email, const std::string& address);
  void clear(const std::string& email);

 private:
  int failures(const std::string& key, const std::string& since);
  soci::session& sql_;
};

}  // namespace accounts
