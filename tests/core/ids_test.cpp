#include "core/ids.hpp"

#include <set>

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace core {
namespace {

TEST(IdsTest, IdsAreUniqueAndSortInCreationOrder) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5000; ++i) ids.push_back(new_id());
  std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  for (const auto& id : ids) EXPECT_TRUE(looks_like_id(id)) << id;
}

TEST(IdsTest, LooksLikeIdRejectsOtherStrings) {
  EXPECT_FALSE(looks_like_id(""));
  EXPECT_FALSE(looks_like_id("01ARZ3NDEKTSV4RRFFQ69G5FA"));   // 25 chars
  EXPECT_FALSE(looks_like_id("01ARZ3NDEKTSV4RRFFQ69G5FAU"));  // U is not Crockford
  EXPECT_FALSE(looks_like_id("01arz3ndektsv4rrffq69g5fav"));  // lower case
  EXPECT_TRUE(looks_like_id("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
}

TEST(IdsTest, TokensAreRandomAndHashesStable) {
  EXPECT_NE(random_token(), random_token());
  EXPECT_EQ(random_token(32).size(), 43u);
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TimeTest, IsoTimestampsSortAsText) {
  auto a = now_iso();
  auto b = iso_plus_seconds(1);
  EXPECT_EQ(a.size(), 24u);
  EXPECT_EQ(a.back(), 'Z');
  EXPECT_LT(a, b);
  EXPECT_EQ(to_iso(std::chrono::system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

TEST(TimeTest, IsoTimestampsOfKnownInstants) {
  const auto at = [](long long ms) {
    return to_iso(std::chrono::system_clock::time_point{std::chrono::milliseconds(ms)});
  };
  EXPECT_EQ(at(1796595372345LL), "2026-12-06T22:16:12.345Z");
  EXPECT_EQ(at(1709251199999LL), "2024-02-29T23:59:59.999Z");  // a leap day's last moment
  EXPECT_EQ(at(951782400000LL), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(at(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace core
