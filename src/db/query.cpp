#include "db/query.hpp"

#include <atomic>
#include <charconv>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "db/pg_params.hpp"

namespace db {
namespace {

namespace sq = ::sqlite_api;

// sqlite3.h's SQLITE_TRANSIENT names its type unqualified, which soci wraps in a namespace.
const sq::sqlite3_destructor_type kTransient = reinterpret_cast<sq::sqlite3_destructor_type>(-1);

// One SQLite statement kept prepared, with its column names shared by every result.
struct KeptStatement {
  sq::sqlite3_stmt* stmt = nullptr;
  std::shared_ptr<const std::vector<std::string>> columns;
};

// The statements of one pooled connection. A connection is leased to one thread at a
// time, so the map itself needs no lock.
// Looked up by the statement's text without copying it.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

struct StatementCache {
  std::unordered_map<std::string, KeptStatement, TextHash, std::equal_to<>> statements;
  // PostgreSQL: the name each statement is prepared under on the server. Names are not
  // reused on one connection, so a statement dropped here never meets a stale namesake.
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> prepared;
  std::uint64_t names_given = 0;
  // Unique in the process, unlike the connection's address, which a reopened one may reuse.
  std::uint64_t serial = next_serial();
  static std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> last{0};
    return ++last;
  }
  ~StatementCache() {
    for (auto& [sql, kept] : statements) sq::sqlite3_finalize(kept.stmt);
  }
};

class Registry {
 public:
  StatementCache* find(const void* backend) {
    std::shared_lock lock(mutex_);
    auto it = caches_.find(backend);
    return it == caches_.end() ? nullptr : it->second.get();
  }
  void add(const void* backend) {
    std::unique_lock lock(mutex_);
    caches_[backend] = std::make_unique<StatementCache>();
  }
  void remove(const void* backend) {
    std::unique_lock lock(mutex_);
    caches_.erase(backend);
  }

 private:
  std::shared_mutex mutex_;
  std::unordered_map<const void*, std::unique_ptr<StatementCache>> caches_;
};

Registry& registry() {
  static Registry r;
  return r;
}

[[noreturn]] void sqlite_fail(sq::sqlite3* conn, int rc, std::string_view statement) {
  throw soci::sqlite3_soci_error(
      std::string(sq::sqlite3_errmsg(conn)) + " while executing \"" + std::string(statement) + "\"",
      rc);
}

KeptStatement prepare(sq::sqlite3* conn, std::string_view statement) {
  KeptStatement kept;
  int rc = sq::sqlite3_prepare_v2(conn, statement.data(), static_cast<int>(statement.size()),
                                  &kept.stmt, nullptr);
  if (rc != SQLITE_OK) sqlite_fail(conn, rc, statement);
  auto columns = std::make_shared<std::vector<std::string>>();
  for (int i = 0, n = sq::sqlite3_column_count(kept.stmt); i < n; ++i)
    columns->emplace_back(sq::sqlite3_column_name(kept.stmt, i));
  kept.columns = std::move(columns);
  return kept;
}

void bind(sq::sqlite3* conn, sq::sqlite3_stmt* stmt, std::string_view statement,
          std::span<const Arg> args) {
  char name[64];
  for (const auto& arg : args) {
    if (arg.name.size() + 2 > sizeof name) throw soci::soci_error("parameter name too long");
    name[0] = ':';
    arg.name.copy(name + 1, arg.name.size());
    name[arg.name.size() + 1] = '\0';
    int index = sq::sqlite3_bind_parameter_index(stmt, name);
    if (index == 0) continue;  // like soci: an argument the statement does not use is ignored
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>)
            return sq::sqlite3_bind_null(stmt, index);
          if constexpr (std::is_same_v<T, std::int64_t>)
            return sq::sqlite3_bind_int64(stmt, index, v);
          if constexpr (std::is_same_v<T, double>) return sq::sqlite3_bind_double(stmt, index, v);
          if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>)
            return sq::sqlite3_bind_text(stmt, index, v.data(), static_cast<int>(v.size()),
                                         kTransient);
        },
        arg.value);
    if (rc != SQLITE_OK) sqlite_fail(conn, rc, statement);
  }
}

Cell read_cell(sq::sqlite3_stmt* stmt, int i, std::string& texts) {
  Cell c;
  switch (sq::sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      c.kind = Cell::Kind::kInteger;
      c.integer = sq::sqlite3_column_int64(stmt, i);
      break;
    case SQLITE_FLOAT:
      c.kind = Cell::Kind::kReal;
      c.real = sq::sqlite3_column_double(stmt, i);
      break;
    case SQLITE_NULL:
      break;
    default: {
      c.kind = Cell::Kind::kText;
      const auto* text = sq::sqlite3_column_text(stmt, i);
      c.offset = texts.size();
      c.length = static_cast<std::uint32_t>(sq::sqlite3_column_bytes(stmt, i));
      texts.append(reinterpret_cast<const char*>(text), c.length);
    }
  }
  return c;
}

// Steps through the statement, then resets it whatever happens.
Rows run_sqlite(sq::sqlite3* conn, const KeptStatement& kept, std::string_view statement,
                std::span<const Arg> args) {
  struct Reset {
    sq::sqlite3_stmt* stmt;
    ~Reset() {
      sq::sqlite3_reset(stmt);
      sq::sqlite3_clear_bindings(stmt);
    }
  } reset{kept.stmt};
  bind(conn, kept.stmt, statement, args);
  std::vector<Cell> cells;
  std::string texts;
  const int width = static_cast<int>(kept.columns->size());
  cells.reserve(static_cast<std::size_t>(width) * 32);
  texts.reserve(2048);
  for (;;) {
    int rc = sq::sqlite3_step(kept.stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) sqlite_fail(conn, rc, statement);
    for (int i = 0; i < width; ++i) cells.push_back(read_cell(kept.stmt, i, texts));
  }
  return Rows(kept.columns, std::move(cells), std::move(texts));
}

Rows sqlite_query(soci::session& sql, std::string_view statement, std::span<const Arg> args,
                  std::int64_t* changed) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  sq::sqlite3* conn = backend->conn_;
  StatementCache* cache = registry().find(backend);
  Rows rows;
  if (cache != nullptr) {
    auto it = cache->statements.find(statement);
    if (it == cache->statements.end())
      it = cache->statements.emplace(std::string(statement), prepare(conn, statement)).first;
    rows = run_sqlite(conn, it->second, statement, args);
  } else {
    KeptStatement once = prepare(conn, statement);
    struct Finalize {
      sq::sqlite3_stmt* stmt;
      ~Finalize() { sq::sqlite3_finalize(stmt); }
    } finalize{once.stmt};
    rows = run_sqlite(conn, once, statement, args);
  }
  if (changed != nullptr) *changed = sq::sqlite3_changes(conn);
  return rows;
}

Cell pg_cell(const PGresult* result, int row, int col, std::string& texts) {
  Cell c;
  if (PQgetisnull(result, row, col) != 0) return c;
  const char* value = PQgetvalue(result, row, col);
  const int length = PQgetlength(result, row, col);
  switch (PQftype(result, col)) {
    case 20:  // int8
    case 21:  // int2
    case 23:  // int4
      c.kind = Cell::Kind::kInteger;
      std::from_chars(value, value + length, c.integer);
      break;
    case 16:  // bool
      c.kind = Cell::Kind::kInteger;
      c.integer = value[0] == 't' ? 1 : 0;
      break;
    case 700:   // float4
    case 701:   // float8
    case 1700:  // numeric
      c.kind = Cell::Kind::kReal;
      c.real = std::strtod(value, nullptr);
      break;
    default:
      c.kind = Cell::Kind::kText;
      c.offset = texts.size();
      c.length = static_cast<std::uint32_t>(length);
      texts.append(value, c.length);
  }
  return c;
}

using PgResult = std::unique_ptr<PGresult, void (*)(PGresult*)>;

[[noreturn]] void pg_fail(PGconn* conn, const PGresult* result, std::string_view statement) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  throw soci::postgresql_soci_error(
      std::string(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn)) +
          " while executing \"" + std::string(statement) + "\"",
      state != nullptr ? state : "     ");
}

// Beyond this many a connection sends further statements unnamed: texts made at run time
// (a list of n placeholders) must not fill the server's memory.
constexpr std::size_t kMaxPreparedPerConnection = 500;

// The name `statement` is prepared under on this connection, preparing it the first time;
// nullptr to send it unnamed. A statement the server refuses fails here as it would unnamed.
const char* prepared_name(StatementCache& cache, PGconn* conn, const PgStatement& pg,
                          std::string_view statement) {
  if (auto it = cache.prepared.find(statement); it != cache.prepared.end())
    return it->second.c_str();
  if (cache.prepared.size() >= kMaxPreparedPerConnection) return nullptr;
  std::string name = "fremdrift_" + std::to_string(++cache.names_given);
  PgResult result(
      PQprepare(conn, name.c_str(), pg.text.c_str(), static_cast<int>(pg.names.size()), nullptr),
      PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) pg_fail(conn, result.get(), statement);
  return cache.prepared.emplace(std::string(statement), std::move(name)).first->second.c_str();
}

Rows pg_query(soci::session& sql, std::string_view statement, std::span<const Arg> args,
              std::int64_t* changed) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  const PgStatement& pg = pg_statement(statement);
  StatementCache* cache = registry().find(backend);
  const char* name =
      cache != nullptr ? prepared_name(*cache, backend->conn_, pg, statement) : nullptr;
  std::vector<std::string> params(pg.names.size());
  std::vector<const char*> values(pg.names.size(), nullptr);
  for (std::size_t i = 0; i < pg.names.size(); ++i) {
    for (const auto& arg : args) {
      if (arg.name != pg.names[i]) continue;
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>)
              params[i].assign(v);
            if constexpr (std::is_same_v<T, std::int64_t>) params[i] = std::to_string(v);
            if constexpr (std::is_same_v<T, double>) params[i] = pg_double(v);
            if constexpr (!std::is_same_v<T, std::monostate>) values[i] = params[i].c_str();
          },
          arg.value);
      break;
    }
  }
  const int count = static_cast<int>(values.size());
  PgResult result(name != nullptr ? PQexecPrepared(backend->conn_, name, count, values.data(),
                                                   nullptr, nullptr, 0)
                                  : PQexecParams(backend->conn_, pg.text.c_str(), count, nullptr,
                                                 values.data(), nullptr, nullptr, 0),
                  PQclear);
  auto status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
    // Gone from the server (26000: someone ran DISCARD ALL) or planned for a table whose
    // columns changed since (0A000): prepare it anew next time.
    if (name != nullptr && state != nullptr &&
        (std::string_view(state) == "26000" || std::string_view(state) == "0A000"))
      if (auto it = cache->prepared.find(statement); it != cache->prepared.end())
        cache->prepared.erase(it);
    pg_fail(backend->conn_, result.get(), statement);
  }
  if (changed != nullptr) {
    const char* tuples = PQcmdTuples(result.get());
    *changed = tuples[0] != '\0' ? std::stoll(tuples) : 0;
  }
  const int width = PQnfields(result.get());
  const int height = PQntuples(result.get());
  auto columns = std::make_shared<std::vector<std::string>>();
  for (int c = 0; c < width; ++c) columns->emplace_back(PQfname(result.get(), c));
  std::vector<Cell> cells;
  std::string texts;
  cells.reserve(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int r = 0; r < height; ++r)
    for (int c = 0; c < width; ++c) cells.push_back(pg_cell(result.get(), r, c, texts));
  return Rows(std::move(columns), std::move(cells), std::move(texts));
}

bool is_sqlite(soci::session& sql) {
  // By name: soci's shared libraries do not export the backends' type information.
  return sql.get_backend()->get_backend_name() == "sqlite3";
}

Rows run(soci::session& sql, std::string_view statement, std::span<const Arg> args,
         std::int64_t* changed) {
  return is_sqlite(sql) ? sqlite_query(sql, statement, args, changed)
                        : pg_query(sql, statement, args, changed);
}

}  // namespace

Rows query(soci::session& sql, std::string_view statement, std::span<const Arg> args) {
  return run(sql, statement, args, nullptr);
}

Rows query(soci::session& sql, std::string_view statement, std::initializer_list<Arg> args) {
  return run(sql, statement, {args.begin(), args.size()}, nullptr);
}

std::int64_t scalar(soci::session& sql, std::string_view statement,
                    std::initializer_list<Arg> args) {
  return scalar(sql, statement, std::span<const Arg>(args.begin(), args.size()));
}

std::int64_t scalar(soci::session& sql, std::string_view statement, std::span<const Arg> args) {
  auto rows = run(sql, statement, args, nullptr);
  if (rows.empty() || rows.width() == 0) return 0;
  const Cell& c = rows.at(0, std::size_t{0});
  return opt_integer(c, rows.text_of(c)).value_or(0);
}

std::int64_t execute(soci::session& sql, std::string_view statement,
                     std::initializer_list<Arg> args) {
  return execute(sql, statement, std::span<const Arg>(args.begin(), args.size()));
}

std::int64_t execute(soci::session& sql, std::string_view statement, std::span<const Arg> args) {
  std::int64_t changed = 0;
  run(sql, statement, args, &changed);
  return changed;
}

std::string change_marker(soci::session& sql) {
  if (!is_sqlite(sql)) {
    // The snapshot names every transaction it sees as committed: equal texts, equal data.
    auto rows = query(sql, "SELECT CAST(pg_current_snapshot() AS TEXT) AS s");
    return "pg:" + text(rows[0], "s");
  }
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  StatementCache* cache = registry().find(backend);
  if (cache == nullptr) return "";  // an unpooled connection: no marker
  // data_version moves with other connections' commits (any process), total_changes with
  // this connection's own rows; both read the transaction's snapshot.
  const std::int64_t version = scalar(sql, "PRAGMA data_version");
  return "sqlite:" + std::to_string(cache->serial) + ":" + std::to_string(version) + ":" +
         std::to_string(sq::sqlite3_total_changes64(backend->conn_));
}

void keep_statements(soci::session& pooled, bool prepare_on_postgres) {
  if (is_sqlite(pooled) || prepare_on_postgres) registry().add(pooled.get_backend());
}

void forget_statements(soci::session& pooled) { registry().remove(pooled.get_backend()); }

}  // namespace db
