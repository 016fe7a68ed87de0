#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <soci/soci.h>

namespace db {

// A value bound to a named parameter (":tenant_id" in the SQL is bound as "tenant_id").
struct Arg {
  // A string_view points at the caller's text, which outlives the call; a std::string is a
  // value made for the call (a list written as JSON).
  using Value = std::variant<std::monostate, std::int64_t, double, std::string_view, std::string>;

  Arg(std::string_view name, const std::string& v) : name(name), value(std::string_view(v)) {}
  Arg(std::string_view name, std::string_view v) : name(name), value(v) {}
  Arg(std::string_view name, const char* v) : name(name), value(std::string_view(v)) {}
  Arg(std::string_view name, const std::optional<std::string>& v) : name(name) {
    if (v) value = std::string_view(*v);
  }
  Arg(std::string_view name, std::int64_t v) : name(name), value(v) {}
  Arg(std::string_view name, int v) : name(name), value(std::int64_t{v}) {}
  Arg(std::string_view name, long long v) : name(name), value(std::int64_t{v}) {}
  Arg(std::string_view name, double v) : name(name), value(v) {}
  Arg(std::string_view name, std::nullopt_t) : name(name) {}
  Arg(std::string_view name, Value v) : name(name), value(std::move(v)) {}

  std::string_view name;
  Value value;  // monostate: SQL NULL
};

// One cell as the engine gave it; the readers below convert on both engines alike. A text
// lives in its result's one buffer (`offset`, `length`), so reading a result allocates little.
struct Cell {
  enum class Kind : std::uint8_t { kNull, kInteger, kReal, kText };
  Kind kind = Kind::kNull;
  std::uint32_t length = 0;
  std::size_t offset = 0;
  std::int64_t integer = 0;
  double real = 0;
};

class Rows;

// A row of a result, read by column name.
class Row {
 public:
  Row(const Rows& rows, std::size_t index) : rows_(&rows), index_(index) {}
  const Cell& cell(std::string_view column) const;
  std::string_view text_of(const Cell& c) const;
  bool is_null(std::string_view column) const { return cell(column).kind == Cell::Kind::kNull; }

 private:
  const Rows* rows_;
  std::size_t index_;
};

// A whole result, read into memory before the statement is reset, so a statement kept
// prepared never holds a read transaction open.
class Rows {
 public:
  class Iterator {
   public:
    Iterator(const Rows& rows, std::size_t i) : rows_(&rows), i_(i) {}
    Row operator*() const { return Row(*rows_, i_); }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const Rows* rows_;
    std::size_t i_;
  };

  Rows() = default;
  Rows(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Cell> cells,
       std::string texts)
      : columns_(std::move(columns)), cells_(std::move(cells)), texts_(std::move(texts)) {}

  std::size_t size() const { return columns_ && !columns_->empty() ? cells_.size() / width() : 0; }
  bool empty() const { return size() == 0; }
  Row operator[](std::size_t i) const { return Row(*this, i); }
  Iterator begin() const { return Iterator(*this, 0); }
  Iterator end() const { return Iterator(*this, size()); }
  std::size_t width() const { return columns_ ? columns_->size() : 0; }
  const Cell& at(std::size_t row, std::string_view column) const;
  const Cell& at(std::size_t row, std::size_t column) const {
    return cells_[row * width() + column];
  }
  std::string_view text_of(const Cell& c) const { return {texts_.data() + c.offset, c.length}; }

 private:
  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Cell> cells_;
  std::string texts_;
};

// Runs one statement on the session's connection. Statements are kept prepared per pooled
// SQLite connection; on PostgreSQL each runs as one unnamed extended-protocol exchange
// (one round trip, and safe behind a transaction-pooling pgbouncer, which cannot keep
// named prepared statements), or, with `prepared_statements=on` in the URL, prepared once
// per pooled connection under a name (D62). Errors are soci errors with the engine's message, so
// map_constraint and is_foreign_key_violation read them as before.
Rows query(soci::session& sql, std::string_view statement, std::span<const Arg> args);
Rows query(soci::session& sql, std::string_view statement, std::initializer_list<Arg> args = {});
// The first column of the first row as an integer (a COUNT, an EXISTS), 0 without rows.
std::int64_t scalar(soci::session& sql, std::string_view statement, std::span<const Arg> args);
std::int64_t scalar(soci::session& sql, std::string_view statement,
                    std::initializer_list<Arg> args = {});
// The number of rows the statement changed.
std::int64_t execute(soci::session& sql, std::string_view statement, std::span<const Arg> args);
std::int64_t execute(soci::session& sql, std::string_view statement,
                     std::initializer_list<Arg> args = {});

// Column readers, the same on both engines.
std::optional<std::string> opt_text(const Row& r, std::string_view column);
std::string text(const Row& r, std::string_view column);
std::int64_t integer(const Row& r, std::string_view column);
std::optional<std::int64_t> opt_integer(const Row& r, std::string_view column);
// A cell as an integer on either engine (a COUNT is text or real on some drivers).
std::optional<std::int64_t> opt_integer(const Cell& c, std::string_view text);
double real(const Row& r, std::string_view column);
std::optional<double> opt_real(const Row& r, std::string_view column);

// A text that changes whenever the data the session can read may have changed, by any
// writer, on any instance: equal markers, equal data. PostgreSQL: the statement's snapshot
// (which transactions count as committed, cluster-wide). SQLite: the connection, its
// data_version (other connections' commits) and its own changed rows. Read inside a ReadTx
// it names the transaction's snapshot on SQLite; on PostgreSQL (read committed) read it
// before and after the reads and trust it only when both agree. Empty: no marker (an
// unpooled SQLite connection); cache nothing.
std::string change_marker(soci::session& sql);

// Kept statements live as long as the connection: Database registers each pooled
// connection and forgets it (finalising its statements) before closing it. SQLite's are
// always kept; PostgreSQL's (named, prepared on the server) only when `prepare_on_postgres`.
void keep_statements(soci::session& pooled, bool prepare_on_postgres);
void forget_statements(soci::session& pooled);

}  // namespace db
