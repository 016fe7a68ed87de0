#include "http/metrics.hpp"

#include <fmt/format.h>

namespace http {

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  auto& h = latency_[{method, route}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(const std::function<std::string()>& gauges) const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP fremdrift_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE fremdrift_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format(
        "fremdrift_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
        route, status, n);
  }
  out += "# HELP fremdrift_http_request_duration_seconds Request latency by route.\n";
  out += "# TYPE fremdrift_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    const auto& [method, route] = key;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format(
          "fremdrift_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"{}\"}} "
          "{}\n",
          method, route, kBuckets[i], h.buckets[i]);
    }
    out += fmt::format(
        "fremdrift_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"+Inf\"}} "
        "{}\n",
        method, route, h.count);
    out += fmt::format(
        "fremdrift_http_request_duration_seconds_sum{{method=\"{}\",route=\"{}\"}} {}\n", method,
        route, h.sum);
    out += fmt::format(
        "fremdrift_http_request_duration_seconds_count{{method=\"{}\",route=\"{}\"}} {}\n", method,
        route, h.count);
  }
  if (gauges) out += gauges();
  return out;
}

}  // namespace http
