#pragma once

#include <string>

#include <soci/soci.h>

namespace accounts {

inline constexpr int kMaxFailures = 10;
inline constexpr int kWindowSeconds = 15 * 60;

// Limits login attempts per account e-mail and per client address, in the database
// (shared by every instance). Each attempt is counted before its password is checked,
// by a conditional UPDATE, so at most kMaxFailures attempts per key and window are ever
// checked, however many arrive at once; a successful login takes its attempt back.
class LoginLimiter {
 public:
  explicit LoginLimiter(soci::session& sql) : sql_(sql) {}
  // Counts one attempt for both keys; TooManyRequests when either is used up.
  void claim(const std::string& email, const std::string& address);
  // The password was right: the e-mail starts afresh, the address gets its attempt back.
  void succeeded(const std::string& email, const std::string& address);

 private:
  bool claim_key(const std::string& key);
  soci::session& sql_;
};

}  // namespace accounts
