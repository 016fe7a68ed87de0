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
  EXPECT_EQ(password_problem("short"), "must be at least 12 characters");
  EXPECT_EQ(password_problem("kettle-lamp-oak"), "");
  EXPECT_EQ(password_problem(std::string(1001, 'a')), "must be at most 1000 characters");
  auto generated = generate_password();
  EXPECT_EQ(password_problem(generated), "");
  EXPECT_NE(generate_password(), generated);
}

TEST(PasswordTest, LengthCountsCharactersNotBytes) {
  // Five æ are ten bytes of UTF-8 but five characters.
  EXPECT_EQ(password_problem("æææææ"), "must be at least 12 characters");
  EXPECT_EQ(password_problem("æøå-blåbær-9"), "");
}

TEST(PasswordTest, RefusesGuessablePasswords) {
  const std::string guessable =
      "is too easy to guess (a common password, a name or a simple pattern); a few unrelated "
      "words make a strong one";
  EXPECT_EQ(password_problem("password12"), "must be at least 12 characters");
  for (const char* p :
       {"password1234", "123456789012", "qwertyuiop12", "abcdefghijkl", "Velkommen123",
        "Sommer2026!!", "Adgangskode1", "Lösenord2026", "aaaaaaaaaaaaaaaa"})
    EXPECT_EQ(password_problem(p), guessable) << p;
  // Built from the person's own name or e-mail address.
  EXPECT_EQ(password_problem("ToveLundqvist7", {"tove.lundqvist@ystad.se", "Tove Lundqvist"}),
            guessable);
  EXPECT_EQ(password_problem("ToveLundqvist7"), "");
}

}  // namespace
}  // namespace accounts
