#include "jobs/worker.hpp"

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace jobs {

NowFn clock_from_env() {
  const char* file = std::getenv("FREMDRIFT_CLOCK_OFFSET_FILE");
  if (!file || !*file) return [] { return Clock::now(); };
  return [path = std::string(file)] {
    long long seconds = 0;
    std::ifstream in(path);
    if (in) in >> seconds;
    return Clock::now() + std::chrono::seconds(in ? seconds : 0);
  };
}

Worker::Worker(db::Database& db, const Registry& registry, WorkerOptions options)
    : db_(db), registry_(registry), options_(std::move(options)) {}

Worker::~Worker() { stop(); }

void Worker::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Worker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Worker::loop() {
  bool installed = false;
  const Registry::RunOptions run{options_.name, options_.lease, options_.backoff_base};
  auto keep_going = [this] {
    std::lock_guard lock(mutex_);
    return !stopping_;
  };
  while (keep_going()) {
    try {
      if (!installed) {
        auto sql = db_.lease();
        registry_.install(*sql, options_.now());
        installed = true;
      }
      registry_.run_due(db_, options_.now(), run, keep_going);
    } catch (const std::exception& e) {
      // The database is unreachable or busy: try again at the next tick.
      spdlog::warn("{}", nlohmann::json{{"msg", "jobs: tick failed"}, {"detail", e.what()}}.dump());
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [this] { return stopping_; });
  }
}

}  // namespace jobs
