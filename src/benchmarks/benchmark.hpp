#pragma once

// Comparing a KPI with the same common indicator in other municipalities (issue 18), with
// small-number protection: a period's figures are shown only where at least k other
// tenants contribute, and never where a shown figure and another would isolate fewer than
// k tenants (complementary suppression, docs/benchmarks.md). Pure; no I/O.
#include <optional>
#include <string>
#include <vector>

namespace benchmarks {

// The platform's k: never configurable below kMinTenantsFloor, and not a tenant setting,
// since it protects the other tenants, not the one that reads.
inline constexpr int kMinTenantsFloor = 3;
inline constexpr int kMinTenants = 5;

// Comparison groups by inhabitants. "all" holds every opted-in tenant, also those whose
// size is not given; the size groups partition the others.
inline const std::vector<std::string> kGroups = {"all", "under_20k", "20k_50k", "50k_100k",
                                                 "over_100k"};
// The size group of a tenant with `inhabitants`; "" when it is not given (0).
std::string size_group(long long inhabitants);
bool is_group(const std::string& key);

// One measurement of another tenant's KPI linked to the indicator.
struct PeerValue {
  std::string tenant_id;
  std::string group;  // size_group() of the tenant, "" when unknown
  long period = 0;
  double value = 0;
};

struct MyValue {
  long period = 0;
  double value = 0;
};

struct Quartiles {
  double lower = 0;
  double median = 0;
  double upper = 0;
};

// One period of the comparison: my value if I measured it, and the others' figures if
// they may be shown. A withheld period looks like one nobody measured in: no count, no
// reason.
struct PeriodComparison {
  long period = 0;
  std::optional<double> mine;
  std::optional<Quartiles> peers;
};

// Quartiles by linear interpolation between the closest ranks (R's type 7, Excel's
// QUARTILE.INC); `values` need not be sorted and must not be empty.
Quartiles quartiles(std::vector<double> values);

// Which of kGroups may be shown for one period, given how many tenants contribute to
// "all" and to each size group (the viewer not counted):
// - a figure needs at least k contributors (k below kMinTenantsFloor counts as the floor);
// - the tenants in "all" but in none of the shown size groups must be none or at least k,
//   otherwise the smallest shown size group is withheld too (then they are at least k).
// `size_counts` pairs with kGroups[1..]; the result pairs with kGroups.
std::vector<bool> shown_groups(long long all_count, const std::vector<long long>& size_counts,
                               int k);

// My series against the others', per period, for the comparison group `group`. Each other
// tenant counts once per period, with the median of its KPIs' values there; rows of
// `viewer_tenant` are left out whatever the caller passed. Periods come in order: those I
// measured, and those whose figures are shown; a withheld period I did not measure is left
// out, so its absence says no more than a period nobody measured.
std::vector<PeriodComparison> compare(const std::vector<MyValue>& mine,
                                      const std::vector<PeerValue>& peers,
                                      const std::string& viewer_tenant, const std::string& group,
                                      int k);

}  // namespace benchmarks
