// The benchmarks' storage on both engines: the one read across tenants gives exactly the
// other opted-in tenants' measurements of KPIs on the indicator in the periods asked for,
// with each tenant's size group, never the reader's own; the catalogue refuses a source's
// external code twice (409) on both engines' constraint messages; a comparison needs the
// reader's consent and an indicator on the KPI.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "benchmarks/benchmark_store.hpp"
#include "benchmarks/indicator_store.hpp"
#include "core/errors.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "kpis/kpi_store.hpp"

namespace testing_db {
namespace {

using benchmarks::BenchmarkStore;
using benchmarks::Indicator;
using benchmarks::IndicatorStore;

class BenchmarkStoreTest : public TenantStorageTest {
 protected:
  void SetUp() override {
    TenantStorageTest::SetUp();
    if (!lease_) return;
    Indicator i;
    i.name = "Visitationstid";
    i.unit = "dage";
    i.direction = "lower";
    indicator_ = IndicatorStore(sql(), tenant_).create(nullptr, i).id;
  }
  void settle(const std::string& tenant, bool opt_in, long long inhabitants) {
    db::execute(sql(), "UPDATE tenants SET benchmark_opt_in = :o, inhabitants = :n WHERE id = :id",
                {{"o", opt_in ? 1 : 0}, {"n", inhabitants}, {"id", tenant}});
  }
  // A KPI of a new project of `tenant`, on the indicator or not, with `values` from `first`.
  kpis::Kpi kpi(const std::string& tenant, bool linked, long first,
                const std::vector<double>& values) {
    kpis::KpiStore store(sql(), tenant);
    kpis::Kpi k;
    k.name = "Visitation";
    k.unit = "dage";
    k.direction = "lower";
    if (linked) k.indicator_id = indicator_;
    auto made = store.create(nullptr, testing_db::new_project(sql(), tenant, "P"), k);
    std::vector<kpis::Measurement> rows;
    for (std::size_t i = 0; i < values.size(); ++i)
      rows.push_back({first + static_cast<long>(i), values[i]});
    if (!rows.empty()) store.push(nullptr, made, rows);
    return made;
  }
  std::string indicator_;
};

using Row = std::tuple<std::string, std::string, long, double>;

TEST_P(BenchmarkStoreTest, ReadsTheOtherOptedInTenantsValuesInThePeriodsAsked) {
  if (!lease_) GTEST_SKIP();
  settle(tenant_, true, 30000);
  auto mine = kpi(tenant_, true, 100, {1, 2, 3});
  auto small = new_tenant(), large = new_tenant(), unknown = new_tenant(), out = new_tenant();
  settle(small, true, 9000);
  settle(large, true, 150000);
  settle(unknown, true, 0);
  settle(out, false, 9000);
  kpi(small, true, 99, {10, 11, 12, 13, 14});  // 99 and 103, 104 fall outside 100..102
  kpi(small, true, 101, {20});                 // a second KPI of the same tenant
  kpi(small, false, 100, {99});                // not on the indicator
  kpi(large, true, 100, {30, 31});
  kpi(unknown, true, 102, {40});
  kpi(out, true, 100, {50, 51, 52});  // has not opted in

  auto values = BenchmarkStore(sql(), tenant_).peer_values(indicator_, 100, 102);
  std::vector<Row> got;
  for (const auto& v : values) got.emplace_back(v.tenant_id, v.group, v.period, v.value);
  std::sort(got.begin(), got.end());
  std::vector<Row> want = {{small, "under_20k", 100, 11}, {small, "under_20k", 101, 12},
                           {small, "under_20k", 101, 20}, {small, "under_20k", 102, 13},
                           {large, "over_100k", 100, 30}, {large, "over_100k", 101, 31},
                           {unknown, "", 102, 40}};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  // Read by another tenant, the first one's values are among the others' and its own are not.
  auto from_small = BenchmarkStore(sql(), small).peer_values(indicator_, 100, 100);
  ASSERT_EQ(from_small.size(), 2u);
  for (const auto& v : from_small) EXPECT_NE(v.tenant_id, small);
  EXPECT_EQ(BenchmarkStore(sql(), tenant_).my_group(), "20k_50k");
  // The comparison itself: three others are fewer than k, so nothing is shown beside mine.
  auto b = BenchmarkStore(sql(), tenant_).of_kpi(mine, "all", "2026-01-01");
  ASSERT_EQ(b.periods.size(), 3u);
  for (const auto& p : b.periods) EXPECT_FALSE(p.peers.has_value());
  // With k = 3, period 101 (small's median of 12 and 20 → 16, and large's 31) has two: no;
  // none of the three periods has three others.
  b = BenchmarkStore(sql(), tenant_).of_kpi(mine, "all", "2026-01-01", 3);
  for (const auto& p : b.periods) EXPECT_FALSE(p.peers.has_value());
}

TEST_P(BenchmarkStoreTest, AComparisonNeedsConsentAndAnIndicator) {
  if (!lease_) GTEST_SKIP();
  auto linked = kpi(tenant_, true, 100, {1});
  auto plain = kpi(tenant_, false, 100, {1});
  BenchmarkStore store(sql(), tenant_);
  EXPECT_FALSE(store.opted_in());
  EXPECT_THROW(store.of_kpi(linked, "all", "2026-01-01"), core::Forbidden);
  settle(tenant_, true, 0);
  EXPECT_TRUE(store.opted_in());
  EXPECT_EQ(store.my_group(), "");
  EXPECT_THROW(store.of_kpi(plain, "all", "2026-01-01"), core::ValidationError);
  EXPECT_THROW(store.of_kpi(linked, "big", "2026-01-01"), core::ValidationError);
  EXPECT_NO_THROW(store.of_kpi(linked, "under_20k", "2026-01-01"));
}

TEST_P(BenchmarkStoreTest, ASourcesExternalCodeIsInTheCatalogueOnce) {
  if (!lease_) GTEST_SKIP();
  const std::string code = "T" + tenant_.substr(tenant_.size() - 8);
  Indicator i;
  i.name = "Med kode";
  i.unit = "dage";
  i.source = "kolada";
  i.external_code = code;
  auto first = IndicatorStore(sql(), tenant_).create(nullptr, i);
  EXPECT_TRUE(first.mine);
  auto other = new_tenant();
  EXPECT_THROW(IndicatorStore(sql(), other).create(nullptr, i), core::Conflict);
  i.source = "flis";
  EXPECT_NO_THROW(IndicatorStore(sql(), other).create(nullptr, i));
  // Every tenant reads the entry; only its creator's sees it as theirs.
  EXPECT_FALSE(IndicatorStore(sql(), other).get(first.id).mine);
  EXPECT_THROW(IndicatorStore(sql(), other).get("01NOSUCH"), core::NotFound);
  // An entry a KPI is compared on stays.
  kpis::Kpi k;
  k.name = "K";
  k.unit = "dage";
  k.indicator_id = first.id;
  kpis::KpiStore(sql(), tenant_).create(nullptr, new_project("P"), k);
  EXPECT_THROW(IndicatorStore(sql(), tenant_).remove(nullptr, first.id), core::Conflict);
}

STORAGE_TEST_ENGINES(BenchmarkStoreTest);

}  // namespace
}  // namespace testing_db
