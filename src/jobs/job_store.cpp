#include "jobs/job_store.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"

namespace jobs {
namespace {

constexpr std::string_view kEnsurePeriodic =
    "INSERT INTO jobs (id, kind, payload, interval_seconds, run_at, created_at) "
    "VALUES (:id, :id, '{}', :interval, :now, :now) ON CONFLICT (id) DO NOTHING";
// A periodic job never waits longer than its interval from now (a clock that was ahead, a
// shorter interval than before).
constexpr std::string_view kSetInterval =
    "UPDATE jobs SET interval_seconds = :interval, "
    "run_at = CASE WHEN run_at > :latest THEN :latest ELSE run_at END WHERE id = :id";
constexpr std::string_view kEnqueue =
    "INSERT INTO jobs (id, kind, payload, run_at, created_at) "
    "VALUES (:id, :kind, :payload, :run_at, :now)";
constexpr std::string_view kDatabaseNowSqlite =
    "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS now";
constexpr std::string_view kDatabaseNowPostgres =
    "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
    "AS now";
// run_at is the worker's time (`now`); a lease runs out by the database's (`db_now`).
constexpr std::string_view kDue =
    "SELECT id FROM jobs WHERE run_at <= :now AND (locked_until IS NULL OR locked_until <= "
    ":db_now)";
constexpr std::string_view kDueOrder = " ORDER BY run_at, id LIMIT 1";
constexpr std::string_view kSkipLocked = " FOR UPDATE SKIP LOCKED";
// A lease that ran out means the instance holding it stopped mid-run: counted as a failure.
constexpr std::string_view kClaim =
    "UPDATE jobs SET locked_by = :token, locked_until = :until, attempts = attempts + 1, "
    "failures = failures + CASE WHEN locked_until IS NULL THEN 0 ELSE 1 END, "
    "last_error = CASE WHEN locked_until IS NULL THEN last_error ELSE :crashed END "
    "WHERE id = :id AND run_at <= :now AND (locked_until IS NULL OR locked_until <= :db_now)";
constexpr std::string_view kClaimed =
    "SELECT id, kind, payload, attempts, interval_seconds FROM jobs "
    "WHERE id = :id AND locked_by = :token";
constexpr std::string_view kPeriodicDone =
    "UPDATE jobs SET locked_by = NULL, locked_until = NULL, attempts = 0, last_error = NULL, "
    "last_run_at = :now, run_at = :next WHERE id = :id AND locked_by = :token";
constexpr std::string_view kOneOffDone = "DELETE FROM jobs WHERE id = :id AND locked_by = :token";
constexpr std::string_view kFailed =
    "UPDATE jobs SET locked_by = NULL, locked_until = NULL, last_error = :error, "
    "failures = failures + 1, last_run_at = :now, run_at = :next "
    "WHERE id = :id AND locked_by = :token";
constexpr std::string_view kStats =
    "SELECT "
    "COALESCE(SUM(CASE WHEN run_at <= :now AND (locked_until IS NULL OR locked_until <= :db_now) "
    "THEN 1 ELSE 0 END), 0) AS due, "
    "COALESCE(SUM(CASE WHEN locked_until > :db_now THEN 1 ELSE 0 END), 0) AS running, "
    "COALESCE(SUM(CASE WHEN last_error IS NOT NULL THEN 1 ELSE 0 END), 0) AS failing, "
    "COALESCE(SUM(failures), 0) AS failures FROM jobs";
// What the list and a lookup show of a job; the claim and its outcome write their own SQL.
const db::Columns<JobRow>& columns() {
  static const auto c = db::Columns<JobRow>("jobs")
                            .id(&JobRow::id)
                            .text("kind", &JobRow::kind)
                            .text("run_at", &JobRow::run_at)
                            .integer("attempts", &JobRow::attempts)
                            .integer("failures", &JobRow::failures)
                            .text("last_error", &JobRow::last_error)
                            .text("last_run_at", &JobRow::last_run_at)
                            .text("locked_by", &JobRow::locked_by);
  return c;
}

const std::string kList = columns().select_sql() + " ORDER BY run_at, id";
const std::string kFind = columns().select_sql() + " WHERE id = :id";
constexpr const char* kCrashed = "the instance running it stopped before it finished";

bool is_postgres(soci::session& sql) { return sql.get_backend_name() != "sqlite3"; }

}  // namespace

TimePoint database_now(soci::session& sql) {
  auto rows = db::query(sql, is_postgres(sql) ? kDatabaseNowPostgres : kDatabaseNowSqlite);
  auto now = from_iso(db::text(rows[0], "now"));
  if (!now) throw std::runtime_error("the database's clock could not be read");
  return *now;
}

std::optional<TimePoint> from_iso(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &y, &mo, &d, &h, &mi, &s, &ms) != 7)
    return std::nullopt;
  auto days = core::days_from_civil(y, mo, d);
  return TimePoint(std::chrono::seconds(days * 86400 + h * 3600 + mi * 60 + s) +
                   std::chrono::milliseconds(ms));
}

long long backoff_seconds(std::int64_t attempts, long long base) {
  constexpr long long kMax = 3600;
  long long wait = std::max(base, 1LL);
  for (std::int64_t i = 1; i < attempts && wait < kMax; ++i) wait *= 2;
  return std::min(wait, kMax);
}

void JobStore::ensure_periodic(const std::string& name, std::int64_t interval_seconds,
                               TimePoint now) {
  auto at = core::to_iso(now);
  db::execute(sql_, kEnsurePeriodic, {{"id", name}, {"interval", interval_seconds}, {"now", at}});
  db::execute(sql_, kSetInterval,
              {{"id", name},
               {"interval", interval_seconds},
               {"latest", core::to_iso(now + std::chrono::seconds(interval_seconds))}});
}

std::string JobStore::enqueue(const std::string& kind, const std::string& payload,
                              TimePoint run_at) {
  auto id = core::new_id();
  db::execute(sql_, kEnqueue,
              {{"id", id},
               {"kind", kind},
               {"payload", payload},
               {"run_at", core::to_iso(run_at)},
               {"now", core::now_iso()}});
  return id;
}

std::optional<Claim> JobStore::claim(const std::string& worker, TimePoint now,
                                     std::chrono::seconds lease,
                                     const std::vector<std::string>& kinds) {
  auto at = core::to_iso(now);
  std::string statement(kDue);
  std::vector<db::Arg> args = {{"now", at}};
  std::vector<std::string> names;
  for (std::size_t i = 0; i < kinds.size(); ++i) names.push_back("k" + std::to_string(i));
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    statement += (i == 0 ? " AND kind IN (:" : ", :") + names[i];
    args.emplace_back(names[i], kinds[i]);
  }
  if (!kinds.empty()) statement += ")";
  statement += kDueOrder;
  if (is_postgres(sql_)) statement += kSkipLocked;
  db::WriteTx tx(sql_);
  auto db_now = core::to_iso(database_now(sql_));
  args.emplace_back("db_now", db_now);
  auto due = db::query(sql_, statement, args);
  if (due.empty()) return std::nullopt;
  auto id = db::text(due[0], "id");
  auto token = worker + "#" + core::new_id();
  if (db::execute(sql_, kClaim,
                  {{"token", token},
                   {"until", core::to_iso(*from_iso(db_now) + lease)},
                   {"db_now", db_now},
                   {"crashed", kCrashed},
                   {"id", id},
                   {"now", at}}) != 1)
    return std::nullopt;
  auto rows = db::query(sql_, kClaimed, {{"id", id}, {"token", token}});
  tx.commit();
  const auto& r = rows[0];
  return Claim{db::text(r, "id"),
               db::text(r, "kind"),
               db::text(r, "payload"),
               db::integer(r, "attempts"),
               db::opt_integer(r, "interval_seconds"),
               token};
}

bool JobStore::succeed(const Claim& claim, TimePoint now) {
  db::WriteTx tx(sql_);
  std::int64_t changed = 0;
  if (claim.interval_seconds) {
    changed =
        db::execute(sql_, kPeriodicDone,
                    {{"now", core::to_iso(now)},
                     {"next", core::to_iso(now + std::chrono::seconds(*claim.interval_seconds))},
                     {"id", claim.id},
                     {"token", claim.lease_token}});
  } else {
    changed = db::execute(sql_, kOneOffDone, {{"id", claim.id}, {"token", claim.lease_token}});
  }
  tx.commit();
  return changed == 1;
}

bool JobStore::fail(const Claim& claim, const std::string& error, TimePoint now,
                    long long backoff_base) {
  auto wait = std::chrono::seconds(backoff_seconds(claim.attempts, backoff_base));
  db::WriteTx tx(sql_);
  auto changed = db::execute(sql_, kFailed,
                             {{"error", error.substr(0, 2000)},
                              {"now", core::to_iso(now)},
                              {"next", core::to_iso(now + wait)},
                              {"id", claim.id},
                              {"token", claim.lease_token}});
  tx.commit();
  return changed == 1;
}

std::string prometheus(const Stats& s) {
  return fmt::format(
      "# HELP fremdrift_jobs_due Background jobs due and waiting to run (queue depth).\n"
      "# TYPE fremdrift_jobs_due gauge\nfremdrift_jobs_due {}\n"
      "# HELP fremdrift_jobs_running Background jobs claimed by an instance now.\n"
      "# TYPE fremdrift_jobs_running gauge\nfremdrift_jobs_running {}\n"
      "# HELP fremdrift_jobs_failing Background jobs whose last run failed.\n"
      "# TYPE fremdrift_jobs_failing gauge\nfremdrift_jobs_failing {}\n"
      "# HELP fremdrift_jobs_failures_total Failed runs of background jobs.\n"
      "# TYPE fremdrift_jobs_failures_total counter\nfremdrift_jobs_failures_total {}\n",
      s.due, s.running, s.failing, s.failures);
}

Stats JobStore::stats(TimePoint now) {
  auto rows = db::query(sql_, kStats,
                        {{"now", core::to_iso(now)}, {"db_now", core::to_iso(database_now(sql_))}});
  const auto& r = rows[0];
  return {db::integer(r, "due"), db::integer(r, "running"), db::integer(r, "failing"),
          db::integer(r, "failures")};
}

std::vector<JobRow> JobStore::list() { return columns().read_all(db::query(sql_, kList)); }

std::optional<JobRow> JobStore::find(const std::string& id) {
  return columns().read_first(db::query(sql_, kFind, {{"id", id}}));
}

}  // namespace jobs
