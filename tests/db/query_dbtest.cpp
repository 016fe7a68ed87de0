// db::query and db::execute on both engines: values of every kind go in and come back
// alike, statements kept prepared are reused with new values, errors keep the engine's
// message (so stores map constraints as before), and a kept statement does not leave a
// transaction or lock open.
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "db/query.hpp"
#include "db/row.hpp"
#include "db/test_databases.hpp"
#include "db/write_tx.hpp"

namespace testing_db {
namespace {

class QueryTest : public StorageTest {};

constexpr std::string_view kInsertUnit =
    "INSERT INTO units (tenant_id, id, parent_id, name, kind, manager_id, version, created_at, "
    "updated_at) VALUES (:tenant_id, :id, :parent_id, :name, 'team', NULL, :version, :at, :at)";
constexpr std::string_view kSelectUnits =
    "SELECT id, parent_id, name, version FROM units WHERE tenant_id = :tenant_id AND "
    "version >= :min ORDER BY name";

TEST_P(QueryTest, ValuesOfEveryKindGoInAndComeBack) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  for (int round = 0; round < 3; ++round) {  // the kept statement, again with new values
    std::string id = core::new_id();
    std::optional<std::string> no_parent;
    EXPECT_EQ(db::execute(*sql, kInsertUnit,
                          {{"tenant_id", tenant},
                           {"id", id},
                           {"parent_id", no_parent},
                           {"name", "Enhed " + std::to_string(round) + " æøå"},
                           {"version", round + 1},
                           {"at", "2026-12-06T08:00:00.000Z"}}),
              1);
  }
  auto rows = db::query(*sql, kSelectUnits, {{"tenant_id", tenant}, {"min", 2}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(db::text(rows[0], "name"), "Enhed 1 æøå");
  EXPECT_EQ(db::integer(rows[0], "version"), 2);
  EXPECT_EQ(db::text(rows[0], "version"), "2");
  EXPECT_FALSE(db::opt_text(rows[1], "parent_id").has_value());
  EXPECT_TRUE(rows[1].is_null("parent_id"));
  EXPECT_EQ(db::integer(rows[1], "version"), 3);
  auto none = db::query(*sql, kSelectUnits, {{"tenant_id", tenant}, {"min", 9}});
  EXPECT_TRUE(none.empty());
  auto real = db::query(*sql, "SELECT CAST(:x AS DOUBLE PRECISION) AS x", {{"x", 2.5}});
  EXPECT_DOUBLE_EQ(db::real(real[0], "x"), 2.5);
}

TEST_P(QueryTest, AnUpdateCountsTheRowsItChanged) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  for (int i = 0; i < 2; ++i)
    db::execute(*sql, kInsertUnit,
                {{"tenant_id", tenant},
                 {"id", core::new_id()},
                 {"parent_id", std::nullopt},
                 {"name", "U" + std::to_string(i)},
                 {"version", 1},
                 {"at", "2026-12-06T08:00:00.000Z"}});
  EXPECT_EQ(db::execute(*sql, "UPDATE units SET version = version + 1 WHERE tenant_id = :t",
                        {{"t", tenant}}),
            2);
  EXPECT_EQ(db::execute(*sql, "UPDATE units SET version = 1 WHERE tenant_id = :t AND name = 'x'",
                        {{"t", tenant}}),
            0);
}

TEST_P(QueryTest, AConstraintErrorKeepsTheEnginesMessageAndTheStatementStaysUsable) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  std::string id = core::new_id();
  auto insert = [&] {
    db::execute(*sql, kInsertUnit,
                {{"tenant_id", tenant},
                 {"id", id},
                 {"parent_id", std::nullopt},
                 {"name", "Same"},
                 {"version", 1},
                 {"at", "2026-12-06T08:00:00.000Z"}});
  };
  insert();
  try {
    insert();
    FAIL() << "a second row with the same key was stored";
  } catch (const soci::soci_error& e) {
    std::string message = e.what();
    EXPECT_TRUE(message.find("UNIQUE constraint failed") != std::string::npos ||
                message.find("duplicate key") != std::string::npos)
        << message;
  }
  // Rolled back and reset: the kept statement runs again, inside a transaction too.
  {
    db::WriteTx tx(*sql);
    id = core::new_id();
    insert();
    tx.commit();
  }
  EXPECT_EQ(db::query(*sql, kSelectUnits, {{"tenant_id", tenant}, {"min", 1}}).size(), 2u);
}

TEST_P(QueryTest, AKeptReadStatementDoesNotHoldAnOldSnapshot) {
  auto tenant = new_tenant();
  {
    auto reader = database().lease();
    db::query(*reader, kSelectUnits, {{"tenant_id", tenant}, {"min", 1}});
    auto writer = database().lease();
    db::WriteTx tx(*writer);
    db::execute(*writer, kInsertUnit,
                {{"tenant_id", tenant},
                 {"id", core::new_id()},
                 {"parent_id", std::nullopt},
                 {"name", "W"},
                 {"version", 1},
                 {"at", "2026-12-06T08:00:00.000Z"}});
    tx.commit();
    EXPECT_EQ(db::query(*reader, kSelectUnits, {{"tenant_id", tenant}, {"min", 1}}).size(), 1u);
  }
}

}  // namespace

STORAGE_TEST_ENGINES(QueryTest);

}  // namespace testing_db
