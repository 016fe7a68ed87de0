#include "accounts/login_limiter.hpp"

#include <string_view>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/query.hpp"

namespace accounts {
namespace {

constexpr std::string_view kEnsure =
    "INSERT INTO login_attempts (limit_key, window_start, attempts) VALUES (:k, :now, 0) "
    "ON CONFLICT (limit_key) DO NOTHING";
constexpr std::string_view kRestartWindow =
    "UPDATE login_attempts SET window_start = :now, attempts = 0 "
    "WHERE limit_key = :k AND window_start <= :since";
// The check and the count in one statement: concurrent attempts queue on the row.
constexpr std::string_view kClaim =
    "UPDATE login_attempts SET attempts = attempts + 1 WHERE limit_key = :k AND attempts < :max";
constexpr std::string_view kExists = "SELECT COUNT(*) FROM login_attempts WHERE limit_key = :k";
constexpr std::string_view kReset = "UPDATE login_attempts SET attempts = 0 WHERE limit_key = :k";
constexpr std::string_view kGiveBack =
    "UPDATE login_attempts SET attempts = attempts - 1 WHERE limit_key = :k AND attempts > 0";
constexpr std::string_view kPurge = "DELETE FROM login_attempts WHERE window_start < :before";

}  // namespace

bool LoginLimiter::claim_key(const std::string& key) {
  // A purge by another request may remove an old row between the statements: try again.
  for (int round = 0; round < 3; ++round) {
    std::string now = core::now_iso();
    std::string since = core::iso_plus_seconds(-kWindowSeconds);
    db::execute(sql_, kEnsure, {{"k", key}, {"now", now}});
    db::execute(sql_, kRestartWindow, {{"now", now}, {"k", key}, {"since", since}});
    if (db::execute(sql_, kClaim, {{"k", key}, {"max", kMaxFailures}}) == 1) return true;
    if (db::scalar(sql_, kExists, {{"k", key}}) > 0) return false;
  }
  return false;
}

void LoginLimiter::claim(const std::string& email, const std::string& address) {
  std::string before = core::iso_plus_seconds(-2 * kWindowSeconds);
  db::execute(sql_, kPurge, {{"before", before}});
  bool by_email = claim_key("email:" + email);
  bool by_address = by_email && claim_key("addr:" + address);
  if (!by_email || !by_address) {
    throw core::TooManyRequests("too many failed logins; wait 15 minutes before trying again",
                                kWindowSeconds);
  }
}

void LoginLimiter::succeeded(const std::string& email, const std::string& address) {
  std::string email_key = "email:" + email;
  std::string address_key = "addr:" + address;
  db::execute(sql_, kReset, {{"k", email_key}});
  db::execute(sql_, kGiveBack, {{"k", address_key}});
}

}  // namespace accounts
