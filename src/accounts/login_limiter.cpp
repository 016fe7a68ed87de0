#include "accounts/login_limiter.hpp"

#include <string_view>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"

namespace accounts {
namespace {

constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM login_failures WHERE limit_key = :k AND failed_at > :since";
constexpr std::string_view kInsert =
    "INSERT INTO login_failures (id, limit_key, failed_at) VALUES (:id, :k, :at)";
constexpr std::string_view kPurge = "DELETE FROM login_failures WHERE failed_at < :before";
constexpr std::string_view kClear = "DELETE FROM login_failures WHERE limit_key = :k";

}  // namespace

int LoginLimiter::failures(const std::string& key, const std::string& since) {
  int n = 0;
  sql_ << kCount, soci::use(key, "k"), soci::use(since, "since"), soci::into(n);
  return n;
}

void LoginLimiter::check(const std::string& email, const std::string& address) {
  std::string since = core::iso_plus_seconds(-kWindowSeconds);
  if (failures("email:" + email, since) >= kMaxFailures ||
      failures("addr:" + address, since) >= kMaxFailures) {
    throw core::TooManyRequests("too many failed logins; wait 15 minutes before trying again",
                                kWindowSeconds);
  }
}

void LoginLimiter::record_failure(const std::string& email, const std::string& address) {
  std::string now = core::now_iso();
  std::string before = core::iso_plus_seconds(-kWindowSeconds);
  sql_ << kPurge, soci::use(before, "before");
  for (const auto& key : {"email:" + email, "addr:" + address}) {
    std::string id = core::new_id();
    sql_ << kInsert, soci::use(id, "id"), soci::use(key, "k"), soci::use(now, "at");
  }
}

void LoginLimiter::clear(const std::string& email) {
  std::string key = "email:" + email;
  sql_ << kClear, soci::use(key, "k");
}

}  // namespace accounts
