#include "db/pg_params.hpp"

#include <gtest/gtest.h>

namespace {

TEST(PgParams, NamesBecomePositionsAndARepeatedNameKeepsItsPosition) {
  auto s = db::to_positional(
      "SELECT a FROM t WHERE tenant_id = :tenant_id AND id > :after OR x = :tenant_id LIMIT :lim");
  EXPECT_EQ(s.text, "SELECT a FROM t WHERE tenant_id = $1 AND id > $2 OR x = $1 LIMIT $3");
  EXPECT_EQ(s.names, (std::vector<std::string>{"tenant_id", "after", "lim"}));
}

TEST(PgParams, CastsLiteralsAndQuotedNamesAreLeftAlone) {
  auto s = db::to_positional(
      "SELECT ':no'::text, \"a:b\", 'it''s :x' FROM t WHERE v = CAST(:v AS integer) AND w = "
      ":w::int");
  EXPECT_EQ(s.text,
            "SELECT ':no'::text, \"a:b\", 'it''s :x' FROM t WHERE v = CAST($1 AS integer) AND w = "
            "$2::int");
  EXPECT_EQ(s.names, (std::vector<std::string>{"v", "w"}));
}

TEST(PgParams, DoublesRoundTrip) {
  EXPECT_EQ(std::stod(db::pg_double(0.1)), 0.1);
  EXPECT_EQ(db::pg_double(12.0), "12");
}

}  // namespace
