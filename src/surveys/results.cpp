#include "surveys/results.hpp"

#include <cmath>
#include <map>

#include "surveys/suppression.hpp"

namespace surveys {
namespace {

struct Sums {
  long long n = 0;
  double sum = 0;
  double squares = 0;
};

GroupIndex index_of(const Sums& s) {
  GroupIndex g{s.n, 0, 0};
  if (s.n == 0) return g;
  g.mean = s.sum / static_cast<double>(s.n);
  if (s.n > 1) {
    const double variance =
        (s.squares - s.sum * s.sum / static_cast<double>(s.n)) / static_cast<double>(s.n - 1);
    g.sd = std::sqrt(std::max(0.0, variance));  // rounding can dip just below zero
  }
  return g;
}

}  // namespace

std::vector<ScaleResult> round_results(const std::vector<GroupingUnit>& grouping,
                                       const std::vector<ScaleSums>& sums, int min_n) {
  std::map<std::string, const GroupingUnit*> by_id;
  for (const auto& u : grouping) by_id[u.id] = &u;
  std::map<std::string, std::map<std::string, Sums>> per_scale;  // scale → unit ("" all) → sums
  for (const auto& s : sums) {
    auto& units = per_scale[s.scale_key];
    auto add = [&](const std::string& id) {
      auto& into = units[id];
      into.n += s.n;
      into.sum += s.sum;
      into.squares += s.sum_of_squares;
    };
    add("");
    // Up the tree from the unit the answers count in; a unit gone from the grouping (or a
    // cycle) stops the walk.
    std::optional<std::string> at = s.unit_id;
    for (std::size_t steps = 0; at && by_id.count(*at) && steps <= grouping.size(); ++steps) {
      add(*at);
      at = by_id.at(*at)->parent_id;
    }
  }
  std::vector<ScaleResult> out;
  for (const auto& entry : per_scale) {
    const auto& units = entry.second;  // a structured binding, clang 14 would not capture
    auto sums_of = [&](const std::string& id) {
      auto found = units.find(id);
      return found == units.end() ? Sums{} : found->second;
    };
    // The whole round is the root of the grouping's trees.
    std::vector<UnitCount> counts = {{"", std::nullopt, sums_of("").n}};
    for (const auto& u : grouping)
      counts.push_back(
          {u.id, u.parent_id && by_id.count(*u.parent_id) ? u.parent_id : "", sums_of(u.id).n});
    const auto hidden = suppressed_units(counts, min_n);
    auto result = [&](const std::string& id, const std::string& name,
                      const std::optional<std::string>& parent) {
      UnitResult r{id, name, parent, hidden.count(id) > 0, {}};
      if (!r.hidden) r.index = index_of(sums_of(id));
      return r;
    };
    ScaleResult sr{entry.first, result("", "", std::nullopt), {}};
    for (const auto& u : grouping) sr.units.push_back(result(u.id, u.name, u.parent_id));
    out.push_back(std::move(sr));
  }
  return out;
}

}  // namespace surveys
