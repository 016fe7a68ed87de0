// db::change_marker on both engines: it stays put while nothing is written and moves with
// every commit, by this connection or another, so a page kept by it is never stale.
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "db/write_tx.hpp"

namespace testing_db {
namespace {

class ChangeMarkerTest : public StorageTest {};

constexpr std::string_view kInsertUnit =
    "INSERT INTO units (tenant_id, id, parent_id, name, kind, manager_id, version, created_at, "
    "updated_at) VALUES (:tenant_id, :id, NULL, :name, 'team', NULL, 1, :at, :at)";
constexpr std::string_view kCountUnits = "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id";

void add_unit(soci::session& sql, const std::string& tenant, const std::string& name) {
  db::execute(sql, kInsertUnit,
              {{"tenant_id", tenant},
               {"id", core::new_id()},
               {"name", name},
               {"at", "2026-12-07T08:00:00.000Z"}});
}

TEST_P(ChangeMarkerTest, StaysWhileNothingIsWrittenAndMovesWithEveryCommit) {
  auto tenant = new_tenant();
  auto reader = database().lease();
  auto writer = database().lease();
  const std::string quiet = db::change_marker(*reader);
  ASSERT_FALSE(quiet.empty());
  db::query(*reader, kCountUnits, {{"tenant_id", tenant}});
  EXPECT_EQ(db::change_marker(*reader), quiet);
  // Another connection's commit, in autocommit and in a transaction.
  add_unit(*writer, tenant, "Anden forbindelse");
  const std::string after_other = db::change_marker(*reader);
  EXPECT_NE(after_other, quiet);
  {
    db::WriteTx tx(*writer);
    add_unit(*writer, tenant, "I en transaktion");
    tx.commit();
  }
  const std::string after_tx = db::change_marker(*reader);
  EXPECT_NE(after_tx, after_other);
  // The connection's own write.
  add_unit(*reader, tenant, "Egen forbindelse");
  EXPECT_NE(db::change_marker(*reader), after_tx);
  // Reading moves nothing.
  const std::string before_read = db::change_marker(*reader);
  EXPECT_EQ(db::scalar(*reader, kCountUnits, {{"tenant_id", tenant}}), 3);
  EXPECT_EQ(db::change_marker(*reader), before_read);
}

TEST_P(ChangeMarkerTest, InsideAReadTransactionItNamesTheSnapshot) {
  auto tenant = new_tenant();
  auto reader = database().lease();
  auto writer = database().lease();
  db::ReadTx snapshot(*reader);
  const std::string first = db::change_marker(*reader);
  add_unit(*writer, tenant, "Under læsningen");
  const auto seen = db::scalar(*reader, kCountUnits, {{"tenant_id", tenant}});
  // Read before and after the reads, the two differ when a commit may have shown in between
  // (PostgreSQL reads each statement afresh); SQLite's snapshot holds, and so does its marker.
  const std::string last = db::change_marker(*reader);
  if (last == first) {
    EXPECT_EQ(seen, 0);
  } else {
    EXPECT_EQ(seen, 1);
  }
}

STORAGE_TEST_ENGINES(ChangeMarkerTest);

}  // namespace
}  // namespace testing_db
