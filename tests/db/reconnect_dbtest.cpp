// A pooled connection the server closed (PostgreSQL restarted, failed over, or ended the
// backend) is opened again when it is next leased; one that broke while leased is reported
// once through db::connection_lost(), which the pipeline reads (docs/reliability.md).
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

#include "db/query.hpp"
#include "db/test_databases.hpp"

namespace testing_db {
namespace {

class ReconnectTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db::connection_lost();  // nothing left over from another test on this thread
    if (GetParam() == "postgres") {
      // A pool of one: every lease is the same connection.
      own_ = std::make_unique<db::Database>(std::getenv("FREMDRIFT_TEST_PG"), 1);
    }
  }

  static std::int64_t backend_pid(db::Database& db) {
    auto sql = db.lease();
    return db::scalar(*sql, "SELECT pg_backend_pid()", {});
  }

  // Ends the connection from another one, as a restart or a failover would, and waits
  // until the server process is gone: it leaves pg_stat_activity before it exits, and only
  // its exit closes the socket (the test cluster runs on this machine, so the process can
  // be watched).
  void end_backend(std::int64_t pid) {
    auto sql = database().lease();
    db::scalar(*sql, "SELECT CASE WHEN pg_terminate_backend(:pid) THEN 1 ELSE 0 END",
               {{"pid", pid}});
    for (int i = 0; i < 200; ++i) {
      bool listed = db::scalar(*sql, "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = :pid",
                               {{"pid", pid}}) != 0;
      bool running = ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
      if (!listed && !running) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL() << "backend " << pid << " did not end";
  }

  std::unique_ptr<db::Database> own_;
};

TEST_P(ReconnectTest, AConnectionClosedWhileIdleIsOpenedAgainOnLease) {
  if (GetParam() == "sqlite") {
    auto sql = database().lease();
    EXPECT_EQ(db::scalar(*sql, "SELECT 1", {}), 1);
    GTEST_SKIP() << "SQLite has no connection to lose";
  }
  auto before = backend_pid(*own_);
  end_backend(before);
  // The next lease notices without a round trip and reconnects; its first query works.
  auto after = backend_pid(*own_);
  EXPECT_NE(after, before);
  EXPECT_FALSE(db::connection_lost());  // no request saw the break
  EXPECT_TRUE(own_->healthy());
}

TEST_P(ReconnectTest, StatementsKeptPreparedArePreparedAgainOnTheReopenedConnection) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "SQLite has no connection to lose";
  db::Database prepared(std::string(std::getenv("FREMDRIFT_TEST_PG")) + "?prepared_statements=on",
                        1);
  const auto before = backend_pid(prepared);  // prepared on the first connection
  end_backend(before);
  const auto after = backend_pid(prepared);  // the same statement on the new one
  EXPECT_NE(after, before);
  auto sql = prepared.lease();
  // Kept on the new connection too: the pid's statement and this count's.
  EXPECT_EQ(db::scalar(*sql, "SELECT COUNT(*) FROM pg_prepared_statements"), 2);
}

TEST_P(ReconnectTest, AConnectionThatBreaksWhileLeasedIsReportedOnceThenReplaced) {
  if (GetParam() == "sqlite") {
    {
      auto sql = database().lease();
      EXPECT_THROW(db::scalar(*sql, "SELECT no_such_column FROM tenants", {}), std::exception);
    }
    EXPECT_FALSE(db::connection_lost());  // an SQL error is not a lost connection
    GTEST_SKIP() << "SQLite has no connection to lose";
  }
  auto pid = backend_pid(*own_);
  {
    auto sql = own_->lease();
    end_backend(pid);
    EXPECT_THROW(db::scalar(*sql, "SELECT 1", {}), std::exception);
  }
  EXPECT_TRUE(db::connection_lost());
  EXPECT_FALSE(db::connection_lost());  // reported once
  auto sql = own_->lease();
  EXPECT_EQ(db::scalar(*sql, "SELECT 1", {}), 1);
}

TEST_P(ReconnectTest, AnSqlErrorOnALiveConnectionIsNotALostConnection) {
  auto& db = own_ ? *own_ : database();
  {
    auto sql = db.lease();
    EXPECT_THROW(db::scalar(*sql, "SELECT no_such_column FROM tenants", {}), std::exception);
  }
  EXPECT_FALSE(db::connection_lost());
  auto sql = db.lease();
  EXPECT_EQ(db::scalar(*sql, "SELECT 1", {}), 1);
}

STORAGE_TEST_ENGINES(ReconnectTest);

}  // namespace
}  // namespace testing_db
