#include <stdexcept>

#include <gtest/gtest.h>

#include "db/database.hpp"

namespace db {
namespace {

TEST(DatabaseUrlTest, PreparedStatementsAreOffUnlessTheUrlAsks) {
  auto url = DatabaseUrl::parse("postgresql://u:p@h:5432/db?sslmode=require");
  EXPECT_EQ(url.engine, Engine::kPostgres);
  EXPECT_FALSE(url.prepared_statements);
  EXPECT_EQ(url.target, "postgresql://u:p@h:5432/db?sslmode=require");
}

TEST(DatabaseUrlTest, ThePreparedStatementsParameterIsTakenOutOfWhatLibpqReads) {
  auto first = DatabaseUrl::parse("postgresql://u@h/db?prepared_statements=on&sslmode=require");
  EXPECT_TRUE(first.prepared_statements);
  EXPECT_EQ(first.target, "postgresql://u@h/db?sslmode=require");

  auto last = DatabaseUrl::parse("postgres://u@h/db?sslmode=require&prepared_statements=true");
  EXPECT_TRUE(last.prepared_statements);
  EXPECT_EQ(last.target, "postgres://u@h/db?sslmode=require");

  auto alone = DatabaseUrl::parse("postgresql://u@h/db?prepared_statements=off");
  EXPECT_FALSE(alone.prepared_statements);
  EXPECT_EQ(alone.target, "postgresql://u@h/db");
}

TEST(DatabaseUrlTest, APreparedStatementsValueOtherThanOnOrOffIsRefusedByName) {
  try {
    DatabaseUrl::parse("postgresql://u@h/db?prepared_statements=yes");
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("prepared_statements must be on or off"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace db
