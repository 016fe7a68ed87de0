// The jobs table on both engines: a job is claimed by one claimer only, also when two claim
// at once; a crashed instance's job comes back when its lease runs out; failures wait out a
// backoff and stay visible; periodic jobs move on.
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "jobs/job_store.hpp"
#include "jobs/registry.hpp"

namespace testing_db {
namespace {

using namespace std::chrono;
using jobs::JobStore;

// The jobs table is the installation's, not a tenant's: each test starts from an empty
// one, on a clock of its own far from today's.
class JobStoreTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    auto sql = database().lease();
    db::execute(*sql, "DELETE FROM jobs");
  }
  static jobs::TimePoint t0() { return sys_days{year{2001} / 1 / 1} + hours(12); }
  // A one-off job of `kind` due at t0, claimed at t0 for a minute by `worker`.
  static std::pair<std::string, jobs::Claim> claimed(JobStore& store, const std::string& kind,
                                                     const std::string& worker) {
    auto id = store.enqueue(kind, "{}", t0());
    auto c = store.claim(worker, t0(), seconds(60));
    EXPECT_TRUE(c);
    return {id, c.value_or(jobs::Claim{})};
  }
};

TEST_P(JobStoreTest, TwoClaimersAtOnceNeverGetTheSameJob) {
  {
    auto sql = database().lease();
    for (int i = 0; i < 40; ++i) JobStore(*sql).enqueue("test.once", "{}", t0());
  }
  std::vector<std::string> got[2];
  auto claimer = [&](int n) {
    auto sql = database().lease();
    JobStore store(*sql);
    while (auto c = store.claim("claimer-" + std::to_string(n), t0() + seconds(1), seconds(60))) {
      got[n].push_back(c->id);
      std::this_thread::yield();
    }
  };
  std::thread a(claimer, 0), b(claimer, 1);
  a.join();
  b.join();
  std::set<std::string> all(got[0].begin(), got[0].end());
  for (const auto& id : got[1]) EXPECT_TRUE(all.insert(id).second) << "claimed twice: " << id;
  EXPECT_EQ(all.size(), 40u);
  EXPECT_EQ(got[0].size() + got[1].size(), 40u);
}

TEST_P(JobStoreTest, NothingDueNothingClaimedAndAHeldJobIsNotClaimedAgain) {
  auto sql = database().lease();
  JobStore store(*sql);
  store.enqueue("test.later", "{\"n\":1}", t0() + minutes(10));
  EXPECT_FALSE(store.claim("a", t0(), seconds(60)));
  auto c = store.claim("a", t0() + minutes(10), seconds(60));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kind, "test.later");
  EXPECT_EQ(c->payload, "{\"n\":1}");
  EXPECT_EQ(c->attempts, 1);
  EXPECT_FALSE(store.claim("b", t0() + minutes(10) + seconds(30), seconds(60)));
  EXPECT_EQ(store.stats(t0() + minutes(10) + seconds(30)).running, 1);
  EXPECT_FALSE(store.claim("b", t0() + hours(10), seconds(60))) << "held, whatever b's clock";
  EXPECT_TRUE(store.succeed(*c, t0() + minutes(11)));
  EXPECT_TRUE(store.list().empty()) << "a one-off job's row goes once it ran";
}

TEST_P(JobStoreTest, ACrashedInstancesJobIsClaimedAgainWhenItsLeaseRunsOut) {
  auto sql = database().lease();
  JobStore store(*sql);
  auto id = store.enqueue("test.crash", "{}", t0());
  auto first = store.claim("instance-a", t0(), seconds(1));
  ASSERT_TRUE(first);
  // instance-a stops here without a word. Its lease runs out by the database's clock, whatever
  // the other instance's clock says.
  EXPECT_FALSE(store.claim("instance-b", t0() + hours(1), seconds(60)));
  std::this_thread::sleep_for(milliseconds(1100));
  auto second = store.claim("instance-b", t0(), seconds(60));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->id, id);
  EXPECT_EQ(second->attempts, 2);
  auto row = store.find(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->failures, 1);
  ASSERT_TRUE(row->last_error);
  EXPECT_NE(row->last_error->find("stopped"), std::string::npos);
  // The stale holder cannot finish what is no longer its own.
  EXPECT_FALSE(store.succeed(*first, t0() + seconds(62)));
  EXPECT_TRUE(store.succeed(*second, t0() + seconds(62)));
}

TEST_P(JobStoreTest, TheDatabasesClockReadsBack) {
  auto sql = database().lease();
  auto db_now = jobs::database_now(*sql);
  EXPECT_LT(std::chrono::abs(db_now - system_clock::now()), seconds(5));
  EXPECT_TRUE(jobs::from_iso("2026-12-06T19:30:00.250Z") ==
              sys_days{year{2026} / 12 / 6} + hours(19) + minutes(30) + milliseconds(250));
  EXPECT_FALSE(jobs::from_iso("yesterday"));
}

TEST_P(JobStoreTest, AFailureWaitsOutItsBackoffAndStaysVisible) {
  auto sql = database().lease();
  JobStore store(*sql);
  auto [id, c] = claimed(store, "test.fails", "a");
  EXPECT_TRUE(store.fail(c, "mail server unreachable", t0(), 30));
  auto row = store.find(id);
  EXPECT_EQ(row->last_error.value_or(""), "mail server unreachable");
  EXPECT_EQ(row->failures, 1);
  EXPECT_EQ(store.stats(t0()).failing, 1);
  EXPECT_FALSE(store.claim("a", t0() + seconds(29), seconds(60)));
  auto again = store.claim("a", t0() + seconds(30), seconds(60));
  ASSERT_TRUE(again);
  EXPECT_TRUE(store.fail(*again, "still unreachable", t0() + seconds(30), 30));
  // The second failure in a row waits twice as long.
  EXPECT_FALSE(store.claim("a", t0() + seconds(89), seconds(60)));
  EXPECT_TRUE(store.claim("a", t0() + seconds(90), seconds(60)));
  EXPECT_EQ(store.stats(t0()).failures, 2);
}

TEST_P(JobStoreTest, PeriodicJobsRunThroughTheRegistryAndMoveOn) {
  jobs::Registry registry;
  int ticks = 0;
  int failures_left = 1;
  std::vector<jobs::TimePoint> seen;
  registry.add_periodic("test.tick", minutes(5), [&](soci::session&, jobs::TimePoint now) {
    seen.push_back(now);
    ++ticks;
  });
  registry.add_periodic("test.flaky", minutes(5), [&](soci::session&, jobs::TimePoint) {
    if (failures_left-- > 0) throw std::runtime_error("flaky");
  });
  {
    auto sql = database().lease();
    registry.install(*sql, t0());
    registry.install(*sql, t0());  // every instance does; the rows are shared
  }
  jobs::Registry::RunOptions options{"w", seconds(60), 30};
  EXPECT_EQ(registry.run_due(database(), t0(), options), 2);
  EXPECT_EQ(ticks, 1);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0] == t0()) << "the job gets the worker's clock";
  EXPECT_EQ(registry.run_due(database(), t0() + minutes(1), options), 1) << "flaky, after 30 s";
  EXPECT_EQ(registry.run_due(database(), t0() + minutes(4), options), 0);
  EXPECT_EQ(registry.run_due(database(), t0() + minutes(5), options), 1);
  EXPECT_EQ(ticks, 2);
  auto sql = database().lease();
  auto flaky = JobStore(*sql).find("test.flaky");
  ASSERT_TRUE(flaky);
  EXPECT_EQ(flaky->failures, 1);
  EXPECT_FALSE(flaky->last_error) << "cleared by the run that went well";
  EXPECT_EQ(flaky->attempts, 0);
}

TEST_P(JobStoreTest, AnInstanceClaimsOnlyTheKindsItCanRun) {
  auto sql = database().lease();
  JobStore store(*sql);
  store.enqueue("test.mail", "{}", t0());
  EXPECT_FALSE(store.claim("no-mail", t0(), seconds(60), {"test.other", "test.more"}));
  auto c = store.claim("with-mail", t0(), seconds(60), {"test.other", "test.mail"});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kind, "test.mail");
}

TEST_P(JobStoreTest, APeriodicJobNeverWaitsLongerThanItsIntervalFromNow) {
  auto sql = database().lease();
  JobStore store(*sql);
  store.ensure_periodic("test.p", 3600, t0());
  auto c = store.claim("a", t0(), seconds(60));
  ASSERT_TRUE(c);
  store.succeed(*c, t0() + hours(24 * 365));  // a clock far ahead
  EXPECT_FALSE(store.claim("a", t0() + hours(2), seconds(60)));
  store.ensure_periodic("test.p", 60, t0() + hours(2));  // the next start, with the clock right
  EXPECT_TRUE(store.claim("a", t0() + hours(2) + seconds(60), seconds(60)));
}

STORAGE_TEST_ENGINES(JobStoreTest);

}  // namespace
}  // namespace testing_db
