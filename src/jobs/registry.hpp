#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>

#include <soci/soci.h>

#include "db/database.hpp"
#include "jobs/job_store.hpp"

namespace jobs {

// A job's work. `now` is the worker's clock (tests move it on); the job opens its own
// write transactions. An exception is the run's failure: logged, kept as the job's last
// error, and the job runs again after a backoff.
using JobFn = std::function<void(soci::session& sql, TimePoint now)>;
// A one-off job's work, with the payload it was enqueued with.
using OneOffFn = std::function<void(soci::session& sql, const std::string& payload, TimePoint now)>;

// What runs in the background, registered by features at start-up (src/app/app.cpp,
// app::register_jobs) the way they subscribe to events:
//   registry.add_periodic("signals.escalate", std::chrono::minutes(5), escalate_due);
class Registry {
 public:
  void add_periodic(std::string name, std::chrono::seconds interval, JobFn fn);
  // Handles jobs enqueued with JobStore::enqueue(kind, payload, run_at).
  void add_one_off(std::string kind, OneOffFn fn);

  // Writes the periodic jobs' rows (each instance does; the rows are shared).
  void install(soci::session& sql, TimePoint now) const;
  // Claims and runs due jobs one by one until none is due or `keep_going` says stop;
  // returns how many ran (failed runs included).
  struct RunOptions {
    std::string worker = "worker";
    std::chrono::seconds lease{300};
    long long backoff_base = 30;
  };
  int run_due(db::Database& db, TimePoint now, const RunOptions& options,
              const std::function<bool()>& keep_going = {}) const;
  // Runs one claimed job; false when it failed.
  bool run(soci::session& sql, const Claim& claim, TimePoint now) const;

  bool empty() const { return periodic_.empty() && one_off_.empty(); }

 private:
  struct Periodic {
    std::chrono::seconds interval;
    JobFn fn;
  };
  std::map<std::string, Periodic> periodic_;
  std::map<std::string, OneOffFn> one_off_;
};

}  // namespace jobs
