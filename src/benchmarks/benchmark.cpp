#include "benchmarks/benchmark.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace benchmarks {
namespace {

constexpr long long kSmallTo = 20000;
constexpr long long kMiddleTo = 50000;
constexpr long long kLargeTo = 100000;

double at_rank(const std::vector<double>& sorted, double p) {
  double rank = p * static_cast<double>(sorted.size() - 1);
  auto below = static_cast<std::size_t>(std::floor(rank));
  std::size_t above = std::min(below + 1, sorted.size() - 1);
  double share = rank - static_cast<double>(below);
  return sorted[below] + share * (sorted[above] - sorted[below]);
}

double median_of(std::vector<double>& values) {
  std::sort(values.begin(), values.end());
  return at_rank(values, 0.5);
}

std::size_t group_index(const std::string& key) {
  auto at = std::find(kGroups.begin(), kGroups.end(), key);
  return at == kGroups.end() ? 0 : static_cast<std::size_t>(at - kGroups.begin());
}

// One tenant's values in one period, and its size group.
struct TenantValues {
  const std::string* group = nullptr;
  std::vector<double> values;
};

// The figures of one period for the group at `wanted` in kGroups, if they may be shown.
std::optional<Quartiles> period_figures(
    const std::unordered_map<std::string_view, TenantValues>& tenants, std::size_t wanted, int k) {
  std::vector<long long> size_counts(kGroups.size() - 1, 0);
  std::vector<std::pair<std::size_t, double>> per_tenant;  // group index, the tenant's value
  per_tenant.reserve(tenants.size());
  for (const auto& [id, t] : tenants) {
    std::size_t g = t.group->empty() ? 0 : group_index(*t.group);
    if (g > 0) ++size_counts[g - 1];
    std::vector<double> values = t.values;
    per_tenant.emplace_back(g, median_of(values));
  }
  auto shown = shown_groups(static_cast<long long>(tenants.size()), size_counts, k);
  if (!shown[wanted]) return std::nullopt;
  std::vector<double> values;
  for (const auto& [g, v] : per_tenant)
    if (wanted == 0 || g == wanted) values.push_back(v);
  return quartiles(std::move(values));
}

}  // namespace

std::string size_group(long long inhabitants) {
  if (inhabitants <= 0) return "";
  if (inhabitants < kSmallTo) return kGroups[1];
  if (inhabitants < kMiddleTo) return kGroups[2];
  if (inhabitants < kLargeTo) return kGroups[3];
  return kGroups[4];
}

bool is_group(const std::string& key) {
  return std::find(kGroups.begin(), kGroups.end(), key) != kGroups.end();
}

Quartiles quartiles(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return {at_rank(values, 0.25), at_rank(values, 0.5), at_rank(values, 0.75)};
}

std::vector<bool> shown_groups(long long all_count, const std::vector<long long>& size_counts,
                               int k) {
  const long long floor = std::max(k, kMinTenantsFloor);
  std::vector<bool> shown(size_counts.size() + 1, false);
  shown[0] = all_count >= floor;
  if (!shown[0]) return shown;    // no size group holds more than "all"
  long long outside = all_count;  // in "all" but in no shown size group
  for (std::size_t i = 0; i < size_counts.size(); ++i) {
    if (size_counts[i] < floor) continue;
    shown[i + 1] = true;
    outside -= size_counts[i];
  }
  // "all" less the shown groups would isolate 1..k-1 tenants: withhold the smallest shown
  // group (the first of equals), which adds at least k to them.
  if (outside > 0 && outside < floor) {
    std::size_t smallest = 0;
    for (std::size_t i = 1; i < shown.size(); ++i)
      if (shown[i] && (smallest == 0 || size_counts[i - 1] < size_counts[smallest - 1]))
        smallest = i;
    if (smallest > 0) shown[smallest] = false;
  }
  return shown;
}

std::vector<PeriodComparison> compare(const std::vector<MyValue>& mine,
                                      const std::vector<PeerValue>& peers,
                                      const std::string& viewer_tenant, const std::string& group,
                                      int k) {
  const std::size_t wanted = group_index(group);
  std::map<long, std::unordered_map<std::string_view, TenantValues>> by_period;
  for (const auto& p : peers) {
    if (p.tenant_id == viewer_tenant) continue;
    auto& t = by_period[p.period][p.tenant_id];
    t.group = &p.group;
    t.values.push_back(p.value);
  }
  std::map<long, PeriodComparison> out;
  for (const auto& m : mine) out[m.period] = {m.period, m.value, std::nullopt};
  for (const auto& [period, tenants] : by_period) {
    auto figures = period_figures(tenants, wanted, k);
    if (!figures) continue;
    auto& row = out[period];
    row.period = period;
    row.peers = figures;
  }
  std::vector<PeriodComparison> rows;
  rows.reserve(out.size());
  for (const auto& [period, row] : out) rows.push_back(row);
  return rows;
}

}  // namespace benchmarks
