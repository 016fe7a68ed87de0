#include "accounts/identity_cache.hpp"

#include <gtest/gtest.h>

namespace accounts {
namespace {

core::AuthContext someone(const std::string& name) {
  core::AuthContext who;
  who.tenant_id = "t1";
  who.name = name;
  who.identity_version = 3;
  return who;
}

TEST(IdentityCacheTest, RemembersForgetsAndReplaces) {
  IdentityCache cache;
  EXPECT_FALSE(cache.find("h1"));
  cache.put("h1", someone("Anna"));
  ASSERT_TRUE(cache.find("h1"));
  EXPECT_EQ(cache.find("h1")->name, "Anna");
  EXPECT_EQ(cache.find("h1")->identity_version, 3);
  cache.put("h1", someone("Bo"));
  EXPECT_EQ(cache.find("h1")->name, "Bo");
  EXPECT_EQ(cache.size(), 1u);
  cache.forget("h1");
  EXPECT_FALSE(cache.find("h1"));
}

TEST(IdentityCacheTest, StartsAgainWhenFull) {
  IdentityCache cache(2);
  cache.put("a", someone("A"));
  cache.put("b", someone("B"));
  cache.put("b", someone("B2"));  // a known key does not count as new
  EXPECT_EQ(cache.size(), 2u);
  cache.put("c", someone("C"));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_FALSE(cache.find("a"));
  EXPECT_EQ(cache.find("c")->name, "C");
}

}  // namespace
}  // namespace accounts
