// The one extension mechanism (db/events.hpp) on both engines: subscribers inside the
// publisher's transaction land or roll back with it; after-commit ones run only after a
// commit, and a transaction they open is a real one.
#include <gtest/gtest.h>

#include "db/events.hpp"
#include "db/test_databases.hpp"
#include "db/write_tx.hpp"

namespace testing_db {
namespace {

class EventsTest : public StorageTest {
 protected:
  static int rows(soci::session& sql, const std::string& tenant) {
    int n = 0;
    sql << "SELECT COUNT(*) FROM audit_log WHERE tenant_id = :t AND entity = 'event-test'",
        soci::use(tenant, "t"), soci::into(n);
    return n;
  }
  static void write_row(soci::session& sql, const std::string& tenant, const std::string& id) {
    sql << "INSERT INTO audit_log (tenant_id, id, entity, entity_id, action, at, changes) "
           "VALUES (:t, :id, 'event-test', 'x', 'create', '2026-01-01T00:00:00.000Z', '{}')",
        soci::use(tenant, "t"), soci::use(id, "id");
  }
};

TEST_P(EventsTest, InTransactionSubscribersShareTheOutcomeAfterCommitOnesWait) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  db::Event<std::string> event;
  int in_tx_seen = 0;
  int after_seen = 0;
  bool inside_when_after_ran = true;
  event.subscribe(db::When::kInTransaction, [&](soci::session& s, const std::string& id) {
    write_row(s, tenant, id + "-in");
    ++in_tx_seen;
  });
  event.subscribe(db::When::kAfterCommit, [&](soci::session& s, const std::string& id) {
    ++after_seen;
    // Its own transaction is a real one: rolled back here, nothing of it stays.
    db::WriteTx own(s);
    write_row(s, tenant, id + "-after");
    inside_when_after_ran = rows(s, tenant) == 2;
  });
  {
    db::WriteTx tx(*sql);
    event.publish(*sql, "a");
    EXPECT_EQ(in_tx_seen, 1);
    EXPECT_EQ(after_seen, 0);  // not before the commit
    tx.commit();
  }
  EXPECT_EQ(after_seen, 1);
  EXPECT_TRUE(inside_when_after_ran);
  EXPECT_EQ(rows(*sql, tenant), 1);  // the after-commit write was rolled back alone
  {
    db::WriteTx tx(*sql);
    event.publish(*sql, "b");  // rolled back: the in-transaction write goes, nothing after
  }
  EXPECT_EQ(after_seen, 1);
  EXPECT_EQ(rows(*sql, tenant), 1);
  event.publish(*sql, "c");  // no transaction open: after-commit work runs at once
  EXPECT_EQ(after_seen, 2);
}

STORAGE_TEST_ENGINES(EventsTest);

}  // namespace
}  // namespace testing_db
