// Keyset paging: the condition the wins and maps lists wrote out by hand, and its arguments.
#include "db/keyset.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Keyset, NewestFirstPagesBelowTheLastRowsKeyAndId) {
  EXPECT_EQ(db::keyset_page("happened_on", "id", db::Order::kDescending),
            "(:from_start = 1 OR happened_on < :after_key OR (happened_on = :after_key AND "
            "id < :after_id)) ORDER BY happened_on DESC, id DESC LIMIT :limit");
  EXPECT_EQ(db::keyset_page("m.created_at", "m.id", db::Order::kAscending),
            "(:from_start = 1 OR m.created_at > :after_key OR (m.created_at = :after_key AND "
            "m.id > :after_id)) ORDER BY m.created_at, m.id LIMIT :limit");
}

TEST(Keyset, ArgumentsStartAtTheStartWithoutAKeyAndAskForOneRowMore) {
  const std::string after_id = "01J";
  auto first = db::keyset_args(std::nullopt, after_id, 50, {{"tenant_id", "t"}});
  ASSERT_EQ(first.size(), 5U);
  EXPECT_EQ(first[0].name, "tenant_id");
  EXPECT_EQ(std::get<std::int64_t>(first[1].value), 1);       // from_start
  EXPECT_EQ(std::get<std::string_view>(first[2].value), "");  // after_key: not NULL
  EXPECT_EQ(std::get<std::int64_t>(first[4].value), 51);      // limit + 1
  const std::optional<std::string> key = "2026-12-01";
  auto next = db::keyset_args(key, after_id, 50, {});
  EXPECT_EQ(std::get<std::int64_t>(next[0].value), 0);
  EXPECT_EQ(std::get<std::string_view>(next[1].value), "2026-12-01");
  EXPECT_EQ(std::get<std::string_view>(next[2].value), "01J");
}

}  // namespace
