// The outbox on both engines: written inside the caller's transaction (gone with a
// rollback), preferences (immediately, daily digest, off), a row sent by one claimer only,
// failures kept visible, each tenant seeing only its own mail.
#include <chrono>
#include <set>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "db/write_tx.hpp"
#include "mail/outbox_store.hpp"

namespace testing_db {
namespace {

using namespace std::chrono;

class OutboxTest : public StorageTest {
 protected:
  std::string add_person(const std::string& tenant, const std::string& email,
                         const std::string& locale) {
    auto sql = database().lease();
    auto id = core::new_id();
    db::execute(*sql,
                "INSERT INTO people (tenant_id, id, name, email, locale, created_at, updated_at) "
                "VALUES (:t, :id, 'Anna Holm', :email, :locale, :now, :now)",
                {{"t", tenant},
                 {"id", id},
                 {"email", email},
                 {"locale", locale},
                 {"now", core::now_iso()}});
    return id;
  }
  static mail::Message message(const std::string& tenant, const std::optional<std::string>& person,
                               const std::string& to, const std::string& subject) {
    return {tenant, person, to, "Anna Holm", "test", "da", subject, "Tekst"};
  }
  static std::string status_of(soci::session& sql, const std::string& tenant,
                               const std::string& id) {
    for (const auto& e : mail::OutboxStore(sql).list(tenant, "", 200))
      if (e.id == id) return e.status;
    return "";
  }
};

TEST_P(OutboxTest, EnqueuedInsideTheCallersTransactionAndGoneWithItsRollback) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  {
    db::WriteTx tx(*sql);
    mail::enqueue(*sql, message(tenant, std::nullopt, "a@x.dk", "rolled back"));
  }
  std::string kept;
  {
    db::WriteTx tx(*sql);
    kept = mail::enqueue(*sql, message(tenant, std::nullopt, "b@x.dk", "kept")).value();
    tx.commit();
  }
  auto all = mail::OutboxStore(*sql).list(tenant, "", 200);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, kept);
  EXPECT_EQ(all[0].status, "pending");
  EXPECT_EQ(all[0].message.subject, "kept");
}

TEST_P(OutboxTest, MalformedAddressesAndHeaderInjectionStoreNothing) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  EXPECT_THROW(mail::enqueue(*sql, message(tenant, std::nullopt, "not-an-address", "s")),
               core::ValidationError);
  EXPECT_THROW(mail::enqueue(*sql, message(tenant, std::nullopt, "a@x.dk", "s\r\nBcc: b@x.dk")),
               core::ValidationError);
  EXPECT_TRUE(mail::OutboxStore(*sql).list(tenant, "", 200).empty());
}

TEST_P(OutboxTest, PreferencesOffAndDailyDigest) {
  auto tenant = new_tenant();
  auto anna = add_person(tenant, "anna@x.dk", "sv");
  auto sql = database().lease();
  mail::OutboxStore store(*sql);
  EXPECT_EQ(store.preference(tenant, anna), "immediately");
  EXPECT_THROW(store.set_preference(tenant, anna, "hourly"), core::ValidationError);
  store.set_preference(tenant, anna, "off");
  EXPECT_FALSE(mail::enqueue(*sql, message(tenant, anna, "anna@x.dk", "not wanted")));
  store.set_preference(tenant, anna, "daily_digest");
  auto first = mail::enqueue(*sql, message(tenant, anna, "anna@x.dk", "Første")).value();
  auto second = mail::enqueue(*sql, message(tenant, anna, "anna@x.dk", "Anden")).value();
  auto invitation = message(tenant, anna, "anna@x.dk", "Invitation");
  invitation.attachments = {{"invitation.ics", "text/calendar", "BEGIN:VCALENDAR"}};
  auto at_once = mail::enqueue(*sql, invitation).value();
  EXPECT_EQ(status_of(*sql, tenant, first), "digest");
  EXPECT_EQ(status_of(*sql, tenant, at_once), "pending") << "an invitation is no use a day late";
  EXPECT_GE(store.write_digests(system_clock::now()), 1);
  EXPECT_EQ(status_of(*sql, tenant, first), "digested");
  EXPECT_EQ(status_of(*sql, tenant, second), "digested");
  auto digests = store.list(tenant, "pending", 200);
  ASSERT_EQ(digests.size(), 2u);  // the digest and the invitation
  const auto& digest = digests[0].message.kind == "digest" ? digests[0] : digests[1];
  EXPECT_EQ(digest.message.kind, "digest");
  EXPECT_EQ(digest.message.subject, "Fremdrift: 2 nya meddelanden")
      << "in the recipient's language";
  EXPECT_EQ(digest.message.to, "anna@x.dk");
}

TEST_P(OutboxTest, ARowIsClaimedBySendersOneAtATimeAndFailuresStayVisible) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  auto other = database().lease();
  auto id = mail::enqueue(*sql, message(tenant, std::nullopt, "a@x.dk", "once")).value();
  auto now = system_clock::now() + seconds(1);
  mail::OutboxStore mine(*sql), theirs(*other);
  auto a = mine.claim(tenant, id, "a", now, minutes(5));
  auto b = theirs.claim(tenant, id, "b", now, minutes(5));
  ASSERT_TRUE(a);
  EXPECT_FALSE(b);
  EXPECT_EQ(a->message.subject, "once");
  EXPECT_EQ(a->attempts, 1);
  mine.failed(tenant, id, "a", "Couldn't connect to server", now + minutes(1));
  auto rows = mine.list(tenant, "pending", 200);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].last_error.value_or(""), "Couldn't connect to server");
  EXPECT_EQ(rows[0].attempts, 1);
  EXPECT_FALSE(theirs.claim(tenant, id, "b", now, minutes(5))) << "waits for its retry";
  auto retry = theirs.claim(tenant, id, "b", now + minutes(1), minutes(5));
  ASSERT_TRUE(retry);
  theirs.sent(tenant, id, "b", now + minutes(1));
  EXPECT_EQ(status_of(*sql, tenant, id), "sent");
  EXPECT_FALSE(mine.claim(tenant, id, "a", now + hours(1), minutes(5)));
}

TEST_P(OutboxTest, GivenUpAfterTheLastAttemptAndEachTenantSeesItsOwn) {
  auto tenant = new_tenant();
  auto other_tenant = new_tenant();
  auto sql = database().lease();
  auto id = mail::enqueue(*sql, message(tenant, std::nullopt, "a@x.dk", "mine")).value();
  mail::enqueue(*sql, message(other_tenant, std::nullopt, "b@x.dk", "theirs"));
  mail::OutboxStore store(*sql);
  auto now = system_clock::now() + seconds(1);
  ASSERT_TRUE(store.claim(tenant, id, "a", now, minutes(5)));
  store.failed(tenant, id, "a", "550 no such user", std::nullopt);
  EXPECT_EQ(status_of(*sql, tenant, id), "failed");
  ASSERT_EQ(store.list(tenant, "", 200).size(), 1u);
  EXPECT_EQ(store.list(tenant, "", 200)[0].message.subject, "mine");
  EXPECT_EQ(store.list(other_tenant, "", 200)[0].message.subject, "theirs");
  EXPECT_TRUE(store.list(tenant, "sent", 200).empty());
  EXPECT_GE(store.stats().failed, 1);
}

STORAGE_TEST_ENGINES(OutboxTest);

}  // namespace
}  // namespace testing_db
