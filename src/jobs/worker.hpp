#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "db/database.hpp"
#include "jobs/registry.hpp"

namespace jobs {

// The worker's clock. serve uses clock_from_env(): the system clock, moved on by the whole
// seconds written in the file named by FREMDRIFT_CLOCK_OFFSET_FILE when that is set (tests
// jump ahead to see a backoff or a deadline pass without waiting for it).
using NowFn = std::function<TimePoint()>;
NowFn clock_from_env();

struct WorkerOptions {
  std::string name;  // this instance, kept in the rows it claims
  std::chrono::milliseconds poll{1000};
  std::chrono::seconds lease{300};
  long long backoff_base = 30;
  NowFn now = [] { return Clock::now(); };
};

// The thread that runs the registry's jobs inside `fremdrift serve`: every poll interval
// it claims and runs what is due. stop() lets the running job finish, then joins.
class Worker {
 public:
  Worker(db::Database& db, const Registry& registry, WorkerOptions options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  void start();
  void stop();

 private:
  void loop();

  db::Database& db_;
  const Registry& registry_;
  WorkerOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace jobs
