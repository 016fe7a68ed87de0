#include "accounts/password.hpp"

#include <gtest/gtest.h>

namespace accounts {
namespace {

TEST(PasswordTest, HashesWithArgon2idAndVerifies) {
  auto hash = hash_password("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(hash, "correct horse batterx"));
  EXPECT_NE(hash_password("correct horse battery"), hash);  // salted
  EXPECT_FALSE(verify_password("garbage", "x"));
}

TEST(PasswordTest, PolicyAndGeneration) {
  EXPECT_EQ(password_problem("short"), "must be at least 10 characters");
  EXPECT_EQ(password_problem("long enough"), "");
  EXPECT_EQ(password_problem(std::string(1001, 'a')), "must be at most 1000 characters");
  auto generated = generate_password();
  EXPECT_EQ(password_problem(generated), "");
  EXPECT_NE(generate_password(), generated);
}

}  // namespace
}  // namespace accounts
