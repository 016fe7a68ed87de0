#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace http {

// Token buckets by key (a client address, a tenant): `burst` requests at once, refilled
// at `per_second`. In memory, so each instance of fremdrift counts on its own: behind a
// load balancer with n instances a client gets up to n times the limit. A refusal costs a
// map lookup under one mutex, so a flood slows nothing else.
class RateLimiter {
 public:
  RateLimiter(double burst, double per_second) : burst_(burst), per_second_(per_second) {}
  // 0 when the request may go ahead (a token is taken), otherwise the whole seconds to
  // wait before the next token (at least 1).
  int take(const std::string& key, std::chrono::steady_clock::time_point now);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  // Full buckets are forgotten when the map grows past this, so addresses seen once don't
  // pile up.
  static constexpr std::size_t kMaxKeys = 100000;

  double burst_;
  double per_second_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace http
