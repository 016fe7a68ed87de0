#include "db/write_tx.hpp"

#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "db/events.hpp"

namespace db {
namespace {

// Sessions are used by one thread at a time, so the depth can live per thread.
thread_local std::map<const soci::session*, int> tx_depth;
// Sessions inside a ReadTx.
thread_local std::set<const soci::session*> reading;
// Work waiting for the outermost transaction of a session to commit.
thread_local std::map<const soci::session*, std::vector<std::function<void()>>> pending;

void run_pending(const soci::session* sql) {
  auto it = pending.find(sql);
  if (it == pending.end()) return;
  auto work = std::move(it->second);
  pending.erase(it);
  for (auto& fn : work) {
    try {
      fn();
    } catch (const std::exception& e) {
      spdlog::error("{{\"msg\":\"after-commit work failed\",\"detail\":\"{}\"}}", e.what());
    }
  }
}

}  // namespace

WriteTx::WriteTx(soci::session& sql) : sql_(sql) {
  if (reading.count(&sql_)) throw std::logic_error("a write inside a read-only transaction");
  int& depth = tx_depth[&sql_];
  outer_ = depth == 0;
  if (outer_) {
    if (sql_.get_backend_name() == "sqlite3") {
      sql_ << "BEGIN IMMEDIATE";
    } else {
      sql_ << "BEGIN";
    }
  }
  ++depth;
}

WriteTx::~WriteTx() {
  int& depth = tx_depth[&sql_];
  --depth;
  if (depth == 0) tx_depth.erase(&sql_);
  if (outer_ && !done_) pending.erase(&sql_);
  if (outer_ && !done_) {
    try {
      sql_ << "ROLLBACK";
    } catch (...) {  // NOLINT(bugprone-empty-catch): nothing more can be done in a destructor
    }
  }
}

void WriteTx::commit() {
  if (outer_) sql_ << "COMMIT";
  done_ = true;
  if (!outer_) return;
  // The transaction is over: work that opens its own transaction must really open one.
  int depth = tx_depth[&sql_];
  tx_depth.erase(&sql_);
  run_pending(&sql_);
  tx_depth[&sql_] = depth;
}

ReadTx::ReadTx(soci::session& sql) : sql_(sql) {
  // Inside a write the write's own transaction already gives one snapshot.
  outer_ = tx_depth.count(&sql_) == 0 && reading.count(&sql_) == 0;
  if (!outer_) return;
  sql_ << (sql_.get_backend_name() == "sqlite3" ? "BEGIN" : "BEGIN READ ONLY");
  reading.insert(&sql_);
}

ReadTx::~ReadTx() {
  if (!outer_) return;
  reading.erase(&sql_);
  try {
    sql_ << "COMMIT";
  } catch (...) {  // NOLINT(bugprone-empty-catch): nothing more can be done in a destructor
  }
}

void after_commit(soci::session& sql, std::function<void()> fn) {
  if (tx_depth.count(&sql) == 0) {
    fn();
    return;
  }
  pending[&sql].push_back(std::move(fn));
}

}  // namespace db
