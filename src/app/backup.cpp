#include <filesystem>
#include <stdexcept>

#include <sqlite3.h>

#include "app/app.hpp"

namespace app {
namespace {

// Copies one SQLite database into another with the online backup API, which is
// safe while the server keeps writing (WAL).
void sqlite_copy(const std::string& from, const std::string& to) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close = [&] {
    if (src) sqlite3_close(src);
    if (dst) sqlite3_close(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
          SQLITE_OK) {
    std::string msg = "cannot open " + from + " or " + to;
    close();
    throw std::runtime_error(msg);
  }
  sqlite3_busy_timeout(dst, 10000);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (b == nullptr) {
    std::string msg = sqlite3_errmsg(dst);
    close();
    throw std::runtime_error("backup failed: " + msg);
  }
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(b, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  std::string msg = rc == SQLITE_DONE ? "" : sqlite3_errmsg(dst);
  close();
  if (rc != SQLITE_DONE) throw std::runtime_error("backup failed: " + msg);
}

}  // namespace

std::string backup(db::Database& db, const std::string& file) {
  if (db.engine() == db::Engine::kPostgres) {
    return "For PostgreSQL use: pg_dump --format=custom --file='" + file + "' '" + db.url().target +
           "'";
  }
  sqlite_copy(db.url().target, file);
  return "Backed up " + db.url().target + " to " + file;
}

std::string restore(db::Database& db, const std::string& file) {
  if (db.engine() == db::Engine::kPostgres) {
    return "For PostgreSQL use: pg_restore --clean --if-exists --dbname='" + db.url().target +
           "' '" + file + "'";
  }
  if (!std::filesystem::exists(file)) throw std::runtime_error("no such backup file: " + file);
  sqlite_copy(file, db.url().target);
  return "Restored " + file + " into " + db.url().target + " (restart running servers)";
}

}  // namespace app
