// PostgreSQL statements kept prepared per connection (`?prepared_statements=on`, D62): each
// statement is prepared once a connection, and what the server forgets or plans anew is
// prepared again instead of failing for good.
#include <cstdlib>
#include <memory>
#include <string>

#include <soci/postgresql/soci-postgresql.h>

#include <gtest/gtest.h>

#include "db/query.hpp"
#include "db/test_databases.hpp"

namespace testing_db {
namespace {

class PreparedStatementsTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    if (GetParam() == "sqlite") GTEST_SKIP() << "SQLite keeps its statements prepared always";
    // A pool of one: every lease is the same connection.
    prepared_ = std::make_unique<db::Database>(
        std::string(std::getenv("FREMDRIFT_TEST_PG")) + "?prepared_statements=on", 1);
  }

  static std::int64_t kept_on_server(soci::session& sql) {
    return db::scalar(sql,
                      "SELECT COUNT(*) FROM pg_prepared_statements WHERE name LIKE 'fremdrift%'");
  }

  std::unique_ptr<db::Database> prepared_;
};

TEST_P(PreparedStatementsTest, AStatementIsPreparedOnceAConnectionAndAnswersWithItsArguments) {
  auto sql = prepared_->lease();
  const auto before = kept_on_server(*sql);  // the count's own statement included
  constexpr std::string_view kSum = "SELECT CAST(:a AS BIGINT) + CAST(:b AS BIGINT) AS s";
  EXPECT_EQ(db::scalar(*sql, kSum, {{"a", 2}, {"b", 3}}), 5);
  EXPECT_EQ(db::scalar(*sql, kSum, {{"a", 40}, {"b", 2}}), 42);
  EXPECT_EQ(kept_on_server(*sql), before + 1);
}

TEST_P(PreparedStatementsTest, AStatementFirstPreparedInARolledBackTransactionStaysUsable) {
  auto sql = prepared_->lease();
  constexpr std::string_view kTwice = "SELECT CAST(:n AS BIGINT) * 2 AS twice";
  db::execute(*sql, "BEGIN");
  EXPECT_EQ(db::scalar(*sql, kTwice, {{"n", 4}}), 8);
  db::execute(*sql, "ROLLBACK");
  EXPECT_EQ(db::scalar(*sql, kTwice, {{"n", 5}}), 10);
}

TEST_P(PreparedStatementsTest, AStatementTheServerRefusesFailsWithItsOwnErrorAndLeavesNothing) {
  auto sql = prepared_->lease();
  const auto before = kept_on_server(*sql);
  try {
    db::scalar(*sql, "SELECT no_such_column FROM tenants");
    FAIL() << "accepted";
  } catch (const soci::soci_error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_column"), std::string::npos) << e.what();
  }
  EXPECT_EQ(kept_on_server(*sql), before);
  EXPECT_EQ(db::scalar(*sql, "SELECT 1"), 1);
}

TEST_P(PreparedStatementsTest, AStatementTheServerForgotIsPreparedAgain) {
  auto sql = prepared_->lease();
  constexpr std::string_view kThree = "SELECT 3 AS three";
  EXPECT_EQ(db::scalar(*sql, kThree), 3);
  // As a pooler's reset query would, past our statement layer.
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql->get_backend());
  PQclear(PQexec(backend->conn_, "DEALLOCATE ALL"));
  // The first run after learns that the name is gone; the next prepares it again.
  EXPECT_THROW(db::scalar(*sql, kThree), soci::soci_error);
  EXPECT_EQ(db::scalar(*sql, kThree), 3);
}

TEST_P(PreparedStatementsTest, AReadOfATableWhoseColumnsChangedIsPlannedAgain) {
  auto sql = prepared_->lease();
  const std::string table = "prepared_probe_" + std::to_string(std::rand() % 1000000);
  db::execute(*sql, "CREATE TABLE " + table + " (a INTEGER)");
  db::execute(*sql, "INSERT INTO " + table + " (a) VALUES (1)");
  const std::string read = "SELECT * FROM " + table;
  EXPECT_EQ(db::query(*sql, read).width(), 1u);
  db::execute(*sql, "ALTER TABLE " + table + " ADD COLUMN b INTEGER");
  // PostgreSQL refuses the kept plan once ("cached plan must not change result type").
  EXPECT_THROW(db::query(*sql, read), soci::soci_error);
  EXPECT_EQ(db::query(*sql, read).width(), 2u);
  db::execute(*sql, "DROP TABLE " + table);
}

STORAGE_TEST_ENGINES(PreparedStatementsTest);

}  // namespace
}  // namespace testing_db
