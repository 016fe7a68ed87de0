#include "db/database.hpp"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "db/query.hpp"

namespace db {

namespace {

std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

void add_keyword(std::string& out, const std::string& key, const std::string& value) {
  if (value.empty()) return;
  std::string quoted;
  for (char c : value) {
    if (c == '\\' || c == '\'') quoted.push_back('\\');
    quoted.push_back(c);
  }
  if (!out.empty()) out.push_back(' ');
  out += key + "='" + quoted + "'";
}

// SOCI reads "scheme://rest" as "backend://connect-string", so a PostgreSQL URL
// is turned into libpq's keyword form: postgresql://u:p@h:5432/db?sslmode=require
// → host='h' port='5432' user='u' password='p' dbname='db' sslmode='require'.
std::string libpq_keywords(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string user, password;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = credentials.find(':');
    user = credentials.substr(0, colon);
    if (colon != std::string::npos) password = credentials.substr(colon + 1);
  }
  std::string host = rest, port;
  if (!host.empty() && host.front() == '[') {  // [ipv6]:port
    auto close = host.find(']');
    port = close + 1 < host.size() && host[close + 1] == ':' ? host.substr(close + 2) : "";
    host = host.substr(1, close - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  std::string out;
  add_keyword(out, "host", percent_decode(host));
  add_keyword(out, "port", port);
  add_keyword(out, "user", percent_decode(user));
  add_keyword(out, "password", percent_decode(password));
  add_keyword(out, "dbname", percent_decode(dbname));
  // libpq prints NOTICEs on stderr ("relation already exists, skipping" at every start and
  // `fremdrift admin` command): noise on an administrator's terminal. Set per connection, so a
  // reconnected one keeps it; an `options` in the URL replaces it.
  if (query.find("options=") == std::string::npos)
    add_keyword(out, "options", "-c client_min_messages=warning");
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string pair = query.substr(0, amp);
    auto eq = pair.find('=');
    if (eq != std::string::npos)
      add_keyword(out, pair.substr(0, eq), percent_decode(pair.substr(eq + 1)));
    if (amp == std::string::npos) break;
    query = query.substr(amp + 1);
  }
  return out;
}

// Takes `name=value` out of the URL's query; nullopt when the URL does not name it.
std::optional<std::string> take_parameter(std::string& url, std::string_view name) {
  const auto q = url.find('?');
  if (q == std::string::npos) return std::nullopt;
  std::string kept, value;
  bool found = false;
  std::string_view query = std::string_view(url).substr(q + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (pair.substr(0, pair.find('=')) == name) {
      found = true;
      value = pair.find('=') == std::string_view::npos ? "" : pair.substr(pair.find('=') + 1);
    } else if (!pair.empty()) {
      kept += (kept.empty() ? "" : "&") + std::string(pair);
    }
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  if (!found) return std::nullopt;
  url = url.substr(0, q) + (kept.empty() ? "" : "?" + kept);
  return value;
}

bool on_or_off(const std::string& value, std::string_view name) {
  if (value == "on" || value == "true" || value == "1") return true;
  if (value == "off" || value == "false" || value == "0") return false;
  throw std::invalid_argument("database URL: " + std::string(name) + " must be on or off (got '" +
                              value + "')");
}

}  // namespace

DatabaseUrl DatabaseUrl::parse(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    auto path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty()) throw std::invalid_argument("sqlite URL needs a path: sqlite:PATH");
    return {Engine::kSqlite, path};
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    DatabaseUrl parsed{Engine::kPostgres, url};
    if (auto value = take_parameter(parsed.target, "prepared_statements"))
      parsed.prepared_statements = on_or_off(*value, "prepared_statements");
    return parsed;
  }
  throw std::invalid_argument("database URL must start with sqlite: or postgresql:// (got '" + url +
                              "')");
}

namespace {

thread_local bool lost_on_this_thread = false;

PGconn* pg_connection(soci::session& s) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  return backend == nullptr ? nullptr : backend->conn_;
}

// Without a round trip: reading what is waiting on the idle socket (nothing, usually) lets
// libpq see that the server closed it, and mark the connection bad. Twice, because a server
// that ends a connection first says why (FATAL: terminating connection…), then closes it:
// the first read takes the message, the second meets the close.
bool pg_usable(soci::session& s) {
  PGconn* conn = pg_connection(s);
  if (conn == nullptr) return false;
  for (int i = 0; i < 2; ++i)
    if (PQconsumeInput(conn) == 0) return false;
  return PQstatus(conn) == CONNECTION_OK;
}

}  // namespace

Lease::Lease(Database& db)
    : db_(db), position_(db.pool_.lease()), session_(db.pool_.at(position_)) {
  if (db_.engine() == Engine::kPostgres && !pg_usable(session_)) {
    try {
      // What the server had prepared went with the old connection (and soci may give the
      // session a new backend object).
      forget_statements(session_);
      session_.reconnect();
      keep_statements(session_, db_.url().prepared_statements);
      spdlog::warn(R"({{"msg":"reconnected to the database"}})");
    } catch (const std::exception& e) {
      db_.pool_.give_back(position_);
      spdlog::error(R"({{"msg":"the database is not reachable","detail":"{}"}})", e.what());
      throw core::Unavailable("the database is not reachable; try again in a moment");
    }
  }
  ++db_.in_use_;
}

Lease::~Lease() {
  if (db_.engine() == Engine::kPostgres) {
    PGconn* conn = pg_connection(session_);
    if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) lost_on_this_thread = true;
  }
  --db_.in_use_;
  db_.pool_.give_back(position_);
}

bool connection_lost() { return std::exchange(lost_on_this_thread, false); }

namespace {

// A pooled connection is leased to one thread at a time, so SQLite's own per-call
// mutexes (its default "serialized" mode) only cost time: an eighth of a list request's
// CPU went to locking around sqlite3_column_*. Multi-thread mode drops them; it has to
// be chosen before SQLite initialises, so a process that used SQLite earlier keeps the
// default (sqlite3_config then refuses, harmlessly).
void choose_sqlite_threading_once() {
  static const bool kChosen = [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)kChosen;
}

}  // namespace

Database::Database(const std::string& url, std::size_t pool_size)
    : url_(DatabaseUrl::parse(url)), pool_size_(pool_size), pool_(pool_size) {
  if (url_.engine == Engine::kSqlite) {
    choose_sqlite_threading_once();
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
      s.open(*soci::factory_postgresql(), libpq_keywords(url_.target));
    }
    keep_statements(s, url_.prepared_statements);
  }
}

// Kept statements must be finalised while their connections are still open.
Database::~Database() {
  for (std::size_t i = 0; i < pool_size_; ++i) forget_statements(pool_.at(i));
}

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
