#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// 2 for a literal segment, 1 for a parameter with a suffix, 0 for a bare parameter.
int specificity(std::string_view segment) {
  if (segment.empty() || segment.front() != '{') return 2;
  return segment.back() == '}' ? 0 : 1;
}

// Checks a segment without decoding it; `value` gets the parameter's raw text.
bool fits_segment(std::string_view pattern, std::string_view actual, std::string_view& value) {
  if (pattern.empty() || pattern.front() != '{') return pattern == actual;
  auto suffix = pattern.substr(pattern.find('}') + 1);
  if (actual.size() <= suffix.size()) return false;
  if (actual.substr(actual.size() - suffix.size()) != suffix) return false;
  value = actual.substr(0, actual.size() - suffix.size());
  return true;
}

constexpr std::size_t kPrefix = 3;

// "<segments>|<first>/<second>/…" for the first `literal` segments.
template <typename Segments>
std::string bucket_key(std::size_t count, const Segments& segments, std::size_t literal) {
  std::string key = std::to_string(count);
  key += '|';
  for (std::size_t i = 0; i < literal; ++i) {
    key.append(segments[i]);
    key += '/';
  }
  return key;
}

}  // namespace

void Router::add(Route route) {
  for (const auto& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern) {
      throw std::logic_error("route registered twice: " + route.method + " " + route.pattern);
    }
  }
  Compiled compiled;
  for (auto segment : split_path(route.pattern)) {
    compiled.segments.emplace_back(segment);
    compiled.rank.push_back(specificity(segment));
  }
  std::size_t literal = 0;
  while (literal < std::min(kPrefix, compiled.segments.size()) && compiled.rank[literal] == 2)
    ++literal;
  buckets_[bucket_key(compiled.segments.size(), compiled.segments, literal)].push_back(
      routes_.size());
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match result;
  auto actual = split_path(path);
  std::string_view scratch;
  std::size_t best = routes_.size();
  const auto consider = [&](std::size_t r) {
    const auto& pattern = compiled_[r].segments;
    bool ok = true;
    for (std::size_t i = 0; i < pattern.size() && ok; ++i)
      ok = fits_segment(pattern[i], actual[i], scratch);
    if (!ok) return;
    result.path_matched = true;
    const auto& route = routes_[r];
    bool method_fits = route.method == method || (method == "HEAD" && route.method == "GET");
    // Segment by segment from the left, so /a/{id}/x and /a/new/{y} order predictably.
    if (method_fits && (best == routes_.size() || compiled_[r].rank > compiled_[best].rank))
      best = r;
  };
  for (std::size_t literal = 0; literal <= std::min(kPrefix, actual.size()); ++literal) {
    auto bucket = buckets_.find(bucket_key(actual.size(), actual, literal));
    if (bucket == buckets_.end()) continue;
    for (auto r : bucket->second) consider(r);
  }
  if (best == routes_.size()) return result;
  result.route = &routes_[best];
  const auto& pattern = compiled_[best].segments;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i].empty() || pattern[i].front() != '{') continue;
    std::string_view value;
    fits_segment(pattern[i], actual[i], value);
    auto name = std::string_view(pattern[i]).substr(1, pattern[i].find('}') - 1);
    result.params[std::string(name)] = url_decode(value, false);
  }
  return result;
}

}  // namespace http
