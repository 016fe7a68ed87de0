#include "benchmarks/benchmark.hpp"

#include <gtest/gtest.h>

namespace benchmarks {
namespace {

// `n` tenants ("t0".."tn-1", prefixed) of one size group, each with `base + i` in `period`.
std::vector<PeerValue> tenants(const std::string& prefix, int n, const std::string& group,
                               long period, double base) {
  std::vector<PeerValue> out;
  for (int i = 0; i < n; ++i) out.push_back({prefix + std::to_string(i), group, period, base + i});
  return out;
}

std::vector<PeerValue> operator+(std::vector<PeerValue> a, const std::vector<PeerValue>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(BenchmarkTest, SizeGroupsByInhabitants) {
  EXPECT_EQ(size_group(0), "");
  EXPECT_EQ(size_group(19999), "under_20k");
  EXPECT_EQ(size_group(20000), "20k_50k");
  EXPECT_EQ(size_group(49999), "20k_50k");
  EXPECT_EQ(size_group(50000), "50k_100k");
  EXPECT_EQ(size_group(100000), "over_100k");
  EXPECT_TRUE(is_group("all"));
  EXPECT_FALSE(is_group("huge"));
}

TEST(BenchmarkTest, QuartilesInterpolateBetweenRanks) {
  auto q = quartiles({7, 1, 3, 5, 9});
  EXPECT_DOUBLE_EQ(q.lower, 3);
  EXPECT_DOUBLE_EQ(q.median, 5);
  EXPECT_DOUBLE_EQ(q.upper, 7);
  auto even = quartiles({1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(even.lower, 1.75);
  EXPECT_DOUBLE_EQ(even.median, 2.5);
  EXPECT_DOUBLE_EQ(even.upper, 3.25);
}

TEST(BenchmarkTest, KMinusOneTenantsAreWithheldAndKAreShown) {
  const long w = 100;
  auto four = tenants("p", 4, "under_20k", w, 10);
  auto rows = compare({{w, 12}}, four, "me", "all", 5);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].mine, 12);
  EXPECT_FALSE(rows[0].peers.has_value());

  auto five = tenants("p", 5, "under_20k", w, 10);  // 10..14
  rows = compare({{w, 12}}, five, "me", "all", 5);
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].peers.has_value());
  EXPECT_DOUBLE_EQ(rows[0].peers->median, 12);
  EXPECT_DOUBLE_EQ(rows[0].peers->lower, 11);
  EXPECT_DOUBLE_EQ(rows[0].peers->upper, 13);
}

TEST(BenchmarkTest, KBelowTheFloorCountsAsTheFloor) {
  auto two = tenants("p", 2, "", 1, 10);
  EXPECT_TRUE(compare({}, two, "me", "all", 1).empty());
  auto three = tenants("p", 3, "", 1, 10);
  ASSERT_EQ(compare({}, three, "me", "all", 1).size(), 1u);
}

TEST(BenchmarkTest, TheViewerIsNeverAmongTheOthers) {
  // Five rows, one of them the viewer's own: four others, withheld.
  auto peers = tenants("p", 4, "", 1, 10) + std::vector<PeerValue>{{"me", "", 1, 1000}};
  auto rows = compare({{1, 1000}}, peers, "me", "all", 5);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FALSE(rows[0].peers.has_value());
  // With five others the viewer's 1000 does not move their median.
  peers = peers + tenants("q", 1, "", 1, 11);
  rows = compare({{1, 1000}}, peers, "me", "all", 5);
  ASSERT_TRUE(rows[0].peers.has_value());
  EXPECT_DOUBLE_EQ(rows[0].peers->upper, 12);
}

TEST(BenchmarkTest, ATenantWithSeveralKpisCountsOnceWithItsMedian) {
  auto peers = tenants("p", 4, "", 1, 10);  // 10..13
  peers.push_back({"x", "", 1, 100});
  peers.push_back({"x", "", 1, 200});
  peers.push_back({"x", "", 1, 0});  // x's median: 100
  auto rows = compare({}, peers, "me", "all", 5);
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].peers.has_value());
  EXPECT_DOUBLE_EQ(rows[0].peers->median, 12);
  EXPECT_DOUBLE_EQ(rows[0].peers->upper, 13);
  // Three rows of one tenant are not three tenants.
  peers = tenants("p", 3, "", 1, 10) + std::vector<PeerValue>{{"x", "", 1, 1}, {"x", "", 1, 2}};
  EXPECT_TRUE(compare({}, peers, "me", "all", 5).empty());
}

TEST(BenchmarkTest, AWithheldPeriodWithoutMyValueIsLeftOut) {
  auto peers = tenants("p", 5, "", 1, 10) + tenants("q", 2, "", 2, 10);
  auto rows = compare({{3, 7}}, peers, "me", "all", 5);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].period, 1);
  EXPECT_FALSE(rows[0].mine.has_value());
  EXPECT_TRUE(rows[0].peers.has_value());
  EXPECT_EQ(rows[1].period, 3);
  EXPECT_FALSE(rows[1].peers.has_value());
}

TEST(BenchmarkTest, AGroupIsShownWithKAndWithheldWithKMinusOne) {
  auto peers = tenants("s", 5, "under_20k", 1, 10) + tenants("l", 5, "over_100k", 1, 50);
  auto small = compare({}, peers, "me", "under_20k", 5);
  ASSERT_EQ(small.size(), 1u);
  ASSERT_TRUE(small[0].peers.has_value());
  EXPECT_DOUBLE_EQ(small[0].peers->median, 12);
  auto all = compare({}, peers, "me", "all", 5);
  ASSERT_TRUE(all[0].peers.has_value());
  EXPECT_DOUBLE_EQ(all[0].peers->median, 32);  // (14 + 50) / 2
  peers = tenants("s", 4, "under_20k", 1, 10) + tenants("l", 5, "over_100k", 1, 50);
  EXPECT_TRUE(compare({}, peers, "me", "under_20k", 5).empty());
}

// Six others: five small and one large. "all" (6) and "under_20k" (5) would each pass k, but
// together they give the one large tenant away, so the small group is withheld.
TEST(BenchmarkTest, ComplementaryGroupIsWithheldWhenItWouldIsolateATenant) {
  auto peers = tenants("s", 5, "under_20k", 1, 10) + tenants("l", 1, "over_100k", 1, 99);
  auto all = compare({}, peers, "me", "all", 5);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].peers.has_value());
  EXPECT_TRUE(compare({}, peers, "me", "under_20k", 5).empty());
  // A tenant of unknown size outside every group isolates just as well.
  peers = tenants("s", 5, "under_20k", 1, 10) + tenants("u", 1, "", 1, 99);
  EXPECT_TRUE(compare({}, peers, "me", "under_20k", 5).empty());
  // k outside the group blur each other: both figures are shown.
  peers = tenants("s", 5, "under_20k", 1, 10) + tenants("u", 5, "", 1, 99);
  EXPECT_EQ(compare({}, peers, "me", "under_20k", 5).size(), 1u);
  // The group is all of "all": its figures are the same ones, nothing is isolated.
  peers = tenants("s", 5, "under_20k", 1, 10);
  EXPECT_EQ(compare({}, peers, "me", "under_20k", 5).size(), 1u);
}

TEST(BenchmarkTest, ComplementaryWithholdsTheSmallestOfSeveralShownGroups) {
  // 5 + 6 in two shown groups, 2 outside them: the union would leave 2 exposed.
  auto shown = shown_groups(13, {5, 6, 2, 0}, 5);
  EXPECT_EQ(shown, (std::vector<bool>{true, false, true, false, false}));
  // Withholding the five leaves seven outside the shown group: enough.
  shown = shown_groups(11, {5, 6, 0, 0}, 5);
  EXPECT_EQ(shown, (std::vector<bool>{true, true, true, false, false}));
  EXPECT_EQ(shown_groups(4, {4, 0, 0, 0}, 5), (std::vector<bool>(5, false)));
}

}  // namespace
}  // namespace benchmarks
