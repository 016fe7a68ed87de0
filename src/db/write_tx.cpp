#include "db/write_tx.hpp"

#include <map>
#include <string>

namespace db {
namespace {

// Sessions are used by one thread at a time, so the depth can live per thread.
thread_local std::map<const soci::session*, int> tx_depth;

}  // namespace

WriteTx::WriteTx(soci::session& sql) : sql_(sql) {
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
}

}  // namespace db
