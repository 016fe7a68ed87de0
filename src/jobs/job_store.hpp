#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace jobs {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// The database's clock ("now" of the one server every instance shares). Leases are judged
// by it, not by an instance's clock, so instances whose clocks differ (or a test's moved
// clock) never take a job another one still holds.
TimePoint database_now(soci::session& sql);
// "2026-12-06T19:30:00.000Z" (core::to_iso) back to a time; nullopt when it is not one.
std::optional<TimePoint> from_iso(const std::string& text);

// Seconds to wait after the n-th failed run in a row: `base` doubling, at most an hour.
long long backoff_seconds(std::int64_t attempts, long long base);

// A job this instance holds until `lease_token` is released or its lease runs out.
struct Claim {
  std::string id;
  std::string kind;
  std::string payload;
  std::int64_t attempts = 0;  // counting this run
  std::optional<std::int64_t> interval_seconds;
  std::string lease_token;
};

// What /metrics shows of the queue.
struct Stats {
  std::int64_t due = 0;       // waiting to run now (queue depth)
  std::int64_t running = 0;   // claimed, lease not run out
  std::int64_t failing = 0;   // whose last run failed
  std::int64_t failures = 0;  // failed runs since each job was created
};

// The Prometheus lines of the stats (fremdrift_jobs_…).
std::string prometheus(const Stats& stats);

struct JobRow {
  std::string id;
  std::string kind;
  std::string run_at;
  std::int64_t attempts = 0;
  std::int64_t failures = 0;
  std::optional<std::string> last_error;
  std::optional<std::string> last_run_at;
  std::optional<std::string> locked_by;
};

// The jobs table (migration 0031); all of its SQL. Not tenant-scoped: jobs belong to the
// installation, and a job that works on tenants' data reads the tenant from its rows.
class JobStore {
 public:
  explicit JobStore(soci::session& sql) : sql_(sql) {}

  // The row of a periodic job, due at once when it is new; an instance that registers
  // another interval changes it.
  void ensure_periodic(const std::string& name, std::int64_t interval_seconds, TimePoint now);
  // A one-off job of `kind`; its row goes once it has run. Returns its id.
  std::string enqueue(const std::string& kind, const std::string& payload, TimePoint run_at);
  // The earliest job due at `now` that nobody holds, claimed for `worker` for `lease` by the
  // database's clock; nullopt when
  // none is due. On PostgreSQL the row is read FOR UPDATE SKIP LOCKED, so instances claiming
  // at once pass each other instead of waiting; on SQLite the write transaction is the
  // single writer. Either way the claim is a conditional UPDATE, so only one claimer wins.
  // A job whose lease ran out (its instance stopped) is claimed again, the crash counted.
  // `kinds`: only jobs this instance knows how to run (empty: any), so an instance
  // configured without mail never takes the delivery job from one that has it.
  std::optional<Claim> claim(const std::string& worker, TimePoint now, std::chrono::seconds lease,
                             const std::vector<std::string>& kinds = {});
  // Returns false when the lease was lost (ran out and another instance claimed the job).
  bool succeed(const Claim& claim, TimePoint now);
  bool fail(const Claim& claim, const std::string& error, TimePoint now, long long backoff_base);

  Stats stats(TimePoint now);
  std::vector<JobRow> list();
  std::optional<JobRow> find(const std::string& id);

 private:
  soci::session& sql_;
};

}  // namespace jobs
