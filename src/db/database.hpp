#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

#include <soci/soci.h>

namespace db {

enum class Engine { kSqlite, kPostgres };

struct DatabaseUrl {
  Engine engine;
  std::string target;  // file path for SQLite, libpq connection string for PostgreSQL
  // PostgreSQL only: keep statements prepared (named) per connection. Off by default, since a
  // transaction-pooling pgbouncer hands each transaction another server connection (D62).
  bool prepared_statements = false;

  // Accepts "sqlite:PATH" and "postgresql://…" (also "postgres://…"); the PostgreSQL URL's
  // own parameter `prepared_statements=on|off` is taken out of `target`.
  static DatabaseUrl parse(const std::string& url);
};

class Database;

// A pooled session, returned to the pool when it goes out of scope.
// On PostgreSQL a connection the server closed (a restart, a failover, an idle timeout) is
// opened again when it is leased; when that fails the lease throws core::Unavailable (503).
// A connection that breaks while leased is noted for this thread (connection_lost()).
class Lease {
 public:
  explicit Lease(Database& db);
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& operator*() { return session_; }
  soci::session* operator->() { return &session_; }

 private:
  Database& db_;
  std::size_t position_;
  soci::session& session_;
};

// Whether a PostgreSQL connection leased on this thread broke since the last call; clears
// it. The pipeline asks after a failed request: such a read is run once more (the next lease
// reconnects), such a write is answered 503 — it may or may not have committed.
bool connection_lost();

class Database {
 public:
  Database(const std::string& url, std::size_t pool_size);
  ~Database();

  Engine engine() const { return url_.engine; }
  const DatabaseUrl& url() const { return url_; }
  std::size_t pool_size() const { return pool_size_; }
  std::size_t in_use() const { return in_use_.load(); }
  Lease lease() { return Lease(*this); }

  // Applies every migration not yet recorded in schema_migrations; returns how many ran.
  int migrate();
  bool healthy();

 private:
  friend class Lease;
  DatabaseUrl url_;
  std::size_t pool_size_;
  soci::connection_pool pool_;
  std::atomic<std::size_t> in_use_{0};
};

}  // namespace db
