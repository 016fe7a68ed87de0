#include "http/router.hpp"

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

bool match_segment(std::string_view pattern, std::string_view actual,
                   std::map<std::string, std::string>& params) {
  if (pattern.empty() || pattern.front() != '{') return pattern == actual;
  auto close = pattern.find('}');
  auto name = pattern.substr(1, close - 1);
  auto suffix = pattern.substr(close + 1);
  if (actual.size() <= suffix.size()) return false;
  if (actual.substr(actual.size() - suffix.size()) != suffix) return false;
  auto value = actual.substr(0, actual.size() - suffix.size());
  params[std::string(name)] = url_decode(value, false);
  return true;
}

}  // namespace

void Router::add(Route route) {
  for (const auto& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern) {
      throw std::logic_error("route registered twice: " + route.method + " " + route.pattern);
    }
  }
  routes_.push_back(std::move(route));
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match result;
  auto actual = split_path(path);
  std::vector<int> best_rank;
  for (const auto& route : routes_) {
    auto pattern = split_path(route.pattern);
    if (pattern.size() != actual.size()) continue;
    std::map<std::string, std::string> params;
    std::vector<int> rank;
    bool ok = true;
    for (std::size_t i = 0; i < pattern.size() && ok; ++i) {
      ok = match_segment(pattern[i], actual[i], params);
      rank.push_back(specificity(pattern[i]));
    }
    if (!ok) continue;
    result.path_matched = true;
    bool method_fits = route.method == method || (method == "HEAD" && route.method == "GET");
    // Segment by segment from the left, so /a/{id}/x and /a/new/{y} order predictably.
    if (method_fits && (result.route == nullptr || rank > best_rank)) {
      result.route = &route;
      result.params = std::move(params);
      best_rank = std::move(rank);
    }
  }
  return result;
}

}  // namespace http
