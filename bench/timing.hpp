#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <fmt/format.h>

// What the benches time with: a wall clock in milliseconds and the order statistics of a
// series of timings.
namespace bench {

inline double wall_ms() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Stats {
  std::vector<double> v;
  // The q-quantile (0 the minimum, 0.5 the median), nearest rank.
  double at(double q) {
    std::sort(v.begin(), v.end());
    auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
  }
  std::string text() {
    return fmt::format("median {:.2f} ms, p95 {:.2f} ms, min {:.2f} ms", at(0.5), at(0.95), at(0));
  }
};

}  // namespace bench
