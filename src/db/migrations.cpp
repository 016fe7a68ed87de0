#include <set>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/time.hpp"
#include "db/database.hpp"
#include "db/migration_files.hpp"
#include "db/write_tx.hpp"
#include "web/resources.hpp"

namespace db {
namespace {

// Splits a migration into statements at semicolons that end a line; SQLite
// prepares one statement at a time.
std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  std::size_t start = 0;
  while (start < sql.size()) {
    auto end = sql.find('\n', start);
    if (end == std::string_view::npos) end = sql.size();
    std::string_view line = sql.substr(start, end - start);
    start = end + 1;
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line.substr(first, 2) == "--") continue;
    current.append(line).push_back('\n');
    auto last = line.find_last_not_of(" \t\r");
    if (line[last] == ';') {
      current.erase(current.find_last_of(';'));
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

}  // namespace

int Database::migrate() {
  auto sql = lease();
  // Several app instances may start at once against one PostgreSQL; only one migrates.
  if (url_.engine == Engine::kPostgres) *sql << "SELECT pg_advisory_lock(707070)";
  struct Unlock {
    soci::session& s;
    bool pg;
    ~Unlock() {
      try {
        if (pg) s << "SELECT pg_advisory_unlock(707070)";
      } catch (...) {  // NOLINT(bugprone-empty-catch): the lock ends with the session anyway
      }
    }
  } unlock{*sql, url_.engine == Engine::kPostgres};
  *sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version INTEGER NOT NULL CONSTRAINT schema_migrations_pk PRIMARY KEY,"
          " name TEXT NOT NULL, applied_at TEXT NOT NULL)";
  std::set<int> applied;
  {
    soci::rowset<int> rows = (sql->prepare << "SELECT version FROM schema_migrations");
    for (int v : rows) applied.insert(v);
  }
  int ran = 0;
  for (const auto& res : web::resources::with_prefix("migrations/")) {
    std::string file(res.name.substr(std::string_view("migrations/").size()));
    if (!migration_runs_on(file, url_.engine)) continue;
    int version = std::stoi(file.substr(0, file.find('_')));
    if (applied.count(version) != 0) continue;
    WriteTx tx(*sql);
    for (const auto& stmt : split_statements(res.data)) *sql << stmt;
    std::string now = core::now_iso();
    *sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
        soci::use(version), soci::use(file), soci::use(now);
    tx.commit();
    spdlog::info("applied migration {}", file);
    ++ran;
  }
  return ran;
}

}  // namespace db
