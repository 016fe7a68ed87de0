#include "jobs/registry.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace jobs {

void Registry::add_periodic(std::string name, std::chrono::seconds interval, JobFn fn) {
  if (interval.count() < 1) throw std::invalid_argument("a periodic job needs an interval");
  periodic_[std::move(name)] = {interval, std::move(fn)};
}

void Registry::add_one_off(std::string kind, OneOffFn fn) {
  one_off_[std::move(kind)] = std::move(fn);
}

void Registry::install(soci::session& sql, TimePoint now) const {
  JobStore store(sql);
  for (const auto& [name, p] : periodic_) store.ensure_periodic(name, p.interval.count(), now);
}

bool Registry::run(soci::session& sql, const Claim& claim, TimePoint now) const {
  if (claim.interval_seconds) {
    auto it = periodic_.find(claim.kind);
    if (it == periodic_.end()) throw std::runtime_error("no periodic job " + claim.kind + " here");
    it->second.fn(sql, now);
  } else {
    auto it = one_off_.find(claim.kind);
    if (it == one_off_.end()) throw std::runtime_error("no handler for jobs of kind " + claim.kind);
    it->second(sql, claim.payload, now);
  }
  return true;
}

int Registry::run_due(db::Database& db, TimePoint now, const RunOptions& options,
                      const std::function<bool()>& keep_going) const {
  int ran = 0;
  std::vector<std::string> kinds;
  for (const auto& [name, p] : periodic_) kinds.push_back(name);
  for (const auto& [kind, fn] : one_off_) kinds.push_back(kind);
  if (kinds.empty()) return 0;
  auto sql = db.lease();
  JobStore store(*sql);
  while (!keep_going || keep_going()) {
    auto claim = store.claim(options.worker, now, options.lease, kinds);
    if (!claim) break;
    ++ran;
    try {
      run(*sql, *claim, now);
      store.succeed(*claim, now);
    } catch (const std::exception& e) {
      spdlog::warn("{}", nlohmann::json{{"msg", "job failed"},
                                        {"job", claim->id},
                                        {"attempts", claim->attempts},
                                        {"detail", e.what()}}
                             .dump());
      store.fail(*claim, e.what(), now, options.backoff_base);
    }
  }
  return ran;
}

}  // namespace jobs
