#include "http/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace http {

int RateLimiter::take(const std::string& key, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto refilled = [&](const Bucket& b) {
    const double seconds = std::chrono::duration<double>(now - b.at).count();
    return std::min(burst_, b.tokens + std::max(0.0, seconds) * per_second_);
  };
  if (buckets_.size() > kMaxKeys)
    std::erase_if(buckets_, [&](const auto& kv) { return refilled(kv.second) >= burst_; });
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  b.tokens = refilled(b);
  b.at = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
}

}  // namespace http
