#include "db/database.hpp"

#include <filesystem>
#include <stdexcept>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

namespace db {

DatabaseUrl DatabaseUrl::parse(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    auto path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty()) throw std::invalid_argument("sqlite URL needs a path: sqlite:PATH");
    return {Engine::kSqlite, path};
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return {Engine::kPostgres, url};
  }
  throw std::invalid_argument("database URL must start with sqlite: or postgresql:// (got '" + url +
                              "')");
}

Lease::Lease(Database& db) : db_(db), session_(db.pool_) { ++db_.in_use_; }
Lease::~Lease() { --db_.in_use_; }

Database::Database(const std::string& url, std::size_t pool_size)
    : url_(DatabaseUrl::parse(url)), pool_size_(pool_size), pool_(pool_size) {
  if (url_.engine == Engine::kSqlite) {
    auto parent = std::filesystem::path(url_.target).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  for (std::size_t i = 0; i < pool_size_; ++i) {
    soci::session& s = pool_.at(i);
    if (url_.engine == Engine::kSqlite) {
      s.open(*soci::factory_sqlite3(), "db=\"" + url_.target + "\" timeout=10");
      // WAL lets readers run beside the single writer; the busy timeout makes
      // concurrent writers wait instead of failing.
      s << "PRAGMA journal_mode=WAL";
      s << "PRAGMA foreign_keys=ON";
      s << "PRAGMA busy_timeout=10000";
      s << "PRAGMA synchronous=NORMAL";
    } else {
      s.open(*soci::factory_postgresql(), url_.target);
    }
  }
}

Database::~Database() = default;

bool Database::healthy() {
  try {
    auto sql = lease();
    int one = 0;
    *sql << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception& e) {
    spdlog::error("health check failed: {}", e.what());
    return false;
  }
}

}  // namespace db
