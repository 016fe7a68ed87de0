#include <gtest/gtest.h>

#include "db/migration_files.hpp"
#include "db/row.hpp"
#include "db/test_databases.hpp"
#include "db/write_tx.hpp"
#include "web/resources.hpp"

namespace testing_db {
namespace {

class MigrationsTest : public StorageTest {};

TEST_P(MigrationsTest, AreRecordedAndIdempotent) {
  EXPECT_EQ(database().migrate(), 0);  // already applied in SetUp
  auto sql = database().lease();
  int recorded = 0;
  *sql << "SELECT COUNT(*) FROM schema_migrations", soci::into(recorded);
  std::size_t runs_here = 0;
  for (const auto& res : web::resources::with_prefix("migrations/"))
    if (db::migration_runs_on(res.name, database().engine())) ++runs_here;
  EXPECT_EQ(static_cast<std::size_t>(recorded), runs_here);
  std::string first;
  *sql << "SELECT name FROM schema_migrations WHERE version = 1", soci::into(first);
  EXPECT_EQ(first, "0001_foundation.sql");
}

TEST(MigrationFiles, APairRunsEachFileOnItsOwnEngine) {
  using db::Engine;
  EXPECT_TRUE(db::migration_runs_on("0040_bank_search.sqlite.sql", Engine::kSqlite));
  EXPECT_FALSE(db::migration_runs_on("0040_bank_search.sqlite.sql", Engine::kPostgres));
  EXPECT_TRUE(db::migration_runs_on("0040_bank_search.postgres.sql", Engine::kPostgres));
  EXPECT_FALSE(db::migration_runs_on("0040_bank_search.postgres.sql", Engine::kSqlite));
  EXPECT_TRUE(db::migration_runs_on("0039_bank.sql", Engine::kSqlite));
  EXPECT_TRUE(db::migration_runs_on("0039_bank.sql", Engine::kPostgres));
}

// The pair 0040 is recorded once, under the engine's own file, and made the engine's index.
TEST_P(MigrationsTest, APairedMigrationRunsOnlyTheEnginesOwnFile) {
  auto sql = database().lease();
  std::string name;
  *sql << "SELECT name FROM schema_migrations WHERE version = 40", soci::into(name);
  int objects = 0;
  if (GetParam() == "sqlite") {
    EXPECT_EQ(name, "0040_bank_search.sqlite.sql");
    *sql << "SELECT COUNT(*) FROM sqlite_master WHERE name = 'bank_search'", soci::into(objects);
  } else {
    EXPECT_EQ(name, "0040_bank_search.postgres.sql");
    *sql << "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'bank_entries' "
            "AND column_name = 'search_vector'",
        soci::into(objects);
  }
  EXPECT_EQ(objects, 1);
}

TEST_P(MigrationsTest, ForeignKeysAreEnforced) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  std::string id = "01ARZ3NDEKTSV4RRFFQ69G5FAV", missing = "01ARZ3NDEKTSV4RRFFQ69G5FAW";
  EXPECT_THROW(
      (*sql << "INSERT INTO units (tenant_id, id, parent_id, name, kind, created_at, updated_at) "
               "VALUES (:t, :id, :p, 'x', 'unit', 'now', 'now')",
       soci::use(tenant), soci::use(id), soci::use(missing)),
      soci::soci_error);
}

TEST_P(MigrationsTest, WriteTransactionsRollBackUnlessCommitted) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  {
    db::WriteTx tx(*sql);
    {
      db::WriteTx nested(*sql);  // joins the outer transaction
      *sql << "INSERT INTO units (tenant_id, id, name, kind, created_at, updated_at) "
              "VALUES (:t, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'x', 'unit', 'now', 'now')",
          soci::use(tenant);
      nested.commit();
    }
    // no commit of the outer one
  }
  int n = -1;
  *sql << "SELECT COUNT(*) FROM units WHERE tenant_id = :t", soci::use(tenant), soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST_P(MigrationsTest, SqliteRunsInWalModeWithForeignKeys) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite only";
  auto sql = database().lease();
  std::string mode;
  int fk = 0;
  *sql << "PRAGMA journal_mode", soci::into(mode);
  *sql << "PRAGMA foreign_keys", soci::into(fk);
  EXPECT_EQ(mode, "wal");
  EXPECT_EQ(fk, 1);
}

STORAGE_TEST_ENGINES(MigrationsTest);

}  // namespace
}  // namespace testing_db
