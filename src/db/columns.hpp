#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/query.hpp"
#include "db/table_sql.hpp"

namespace db {

// A JSON text column parsed (a parse error gives a discarded value, as json::parse without
// exceptions). The same short texts come back often (checklist items copied from one
// template into every project), so each thread keeps the last few hundred parsed.
inline nlohmann::json json_value(const Row& r, std::string_view column) {
  constexpr std::size_t kKeptTexts = 512;
  constexpr std::size_t kKeptLength = 2048;  // longer texts are parsed every time
  thread_local std::unordered_map<std::string, nlohmann::json> parsed;
  auto text = opt_text(r, column).value_or("");
  if (text.size() > kKeptLength) return nlohmann::json::parse(text, nullptr, false);
  if (auto hit = parsed.find(text); hit != parsed.end()) return hit->second;
  if (parsed.size() >= kKeptTexts) parsed.clear();
  auto value = nlohmann::json::parse(text, nullptr, false);
  parsed.emplace(std::move(text), value);
  return value;
}

// A JSON array of strings kept in one TEXT column ("[\"a\",\"b\"]"): its strings, other
// elements left out; anything not an array reads as none. Plain arrays are read by hand,
// the rest by nlohmann: lists of a page of rows come back on every read of it.
std::vector<std::string> string_list(std::string_view json_text);

// A store's columns named once: the SELECT list, the row reader, the table's everyday
// statements (select, insert, versioned update, delete) and the values bound to them all
// come from this table, so adding a column is one line here. Other queries stay written
// out in the store, built on `list()` or `select_sql()`.
//
//   const db::Columns<Unit>& columns() {
//     static const auto c = db::Columns<Unit>("units", {"tenant_id"})
//         .id(&Unit::id).text("parent_id", &Unit::parent_id)
//         .version(&Unit::version).text("created_at", &Unit::created_at, db::Write::kOnce);
//     return c;
//   }
//   const std::string kSelectPage = columns().select_sql() + " AND id > :after …";  // once
//   auto unit = columns().read_first(db::query(sql, columns().select_one_sql(), {…}));
//   db::execute(sql, columns().insert_sql(), columns().args(u, {{"tenant_id", tenant_id_}}));
//   db::execute(sql, columns().update_sql(),
//               columns().args(u, {{"tenant_id", tenant_id_}, {"expected", version}}));
//
// Arguments a statement does not name are ignored, so one set serves every statement.
template <typename T>
class Columns {
 public:
  Columns() = default;
  // A table's columns: `scope` names the columns, bound from the call's arguments, that
  // limit every statement (tenant_id).
  explicit Columns(std::string table, std::vector<std::string> scope = {})
      : table_(std::move(table)), scope_(std::move(scope)) {}

  // A column only inserted, from the call's arguments, and never read into T (who created
  // the row, its place in a list); named next to the scope.
  Columns& bound(std::string name) {
    bound_.push_back(std::move(name));
    return rebuild();
  }

  // TEXT columns: a std::string (NULL reads as "") or a std::optional<std::string>.
  template <typename M>
  Columns& text(std::string name, M T::*member, Write write = Write::kAlways) {
    static_assert(std::is_same_v<M, std::string> || std::is_same_v<M, std::optional<std::string>>);
    return add(
        std::move(name), write,
        [member](const Row& r, std::string_view c, T& out) {
          if constexpr (std::is_same_v<M, std::string>)
            out.*member = db::text(r, c);
          else
            out.*member = db::opt_text(r, c);
        },
        [member](const T& in) -> Arg::Value {
          if constexpr (std::is_same_v<M, std::string>) {
            return std::string_view(in.*member);
          } else {
            if (!(in.*member)) return std::monostate{};
            return std::string_view(*(in.*member));
          }
        });
  }

  // INTEGER columns: any integral member, or an optional of one.
  template <typename M>
  Columns& integer(std::string name, M T::*member, Write write = Write::kAlways) {
    return add(
        std::move(name), write,
        [member](const Row& r, std::string_view c, T& out) {
          if constexpr (std::is_integral_v<M>) {
            out.*member = static_cast<M>(db::integer(r, c));
          } else {
            auto v = db::opt_integer(r, c);
            out.*member = v ? M(static_cast<typename M::value_type>(*v)) : std::nullopt;
          }
        },
        [member](const T& in) -> Arg::Value {
          if constexpr (std::is_integral_v<M>) {
            return static_cast<std::int64_t>(in.*member);
          } else {
            if (!(in.*member)) return std::monostate{};
            return static_cast<std::int64_t>(*(in.*member));
          }
        });
  }

  // REAL columns: a double or an optional<double>.
  template <typename M>
  Columns& real(std::string name, M T::*member, Write write = Write::kAlways) {
    static_assert(std::is_same_v<M, double> || std::is_same_v<M, std::optional<double>>);
    return add(
        std::move(name), write,
        [member](const Row& r, std::string_view c, T& out) {
          if constexpr (std::is_same_v<M, double>)
            out.*member = db::real(r, c);
          else
            out.*member = db::opt_real(r, c);
        },
        [member](const T& in) -> Arg::Value {
          if constexpr (std::is_same_v<M, double>) {
            return in.*member;
          } else {
            if (!(in.*member)) return std::monostate{};
            return *(in.*member);
          }
        });
  }

  // A list of texts kept as a JSON array in one TEXT column (anything else reads as empty).
  Columns& text_list(std::string name, std::vector<std::string> T::*member,
                     Write write = Write::kAlways) {
    return add(
        std::move(name), write,
        [member](const Row& r, std::string_view c, T& out) {
          out.*member = string_list(db::text(r, c));
        },
        [member](const T& in) -> Arg::Value { return nlohmann::json(in.*member).dump(); });
  }

  // A JSON document kept in one TEXT column (an unreadable one reads as a discarded value).
  Columns& json(std::string name, nlohmann::json T::*member, Write write = Write::kAlways) {
    return add(
        std::move(name), write,
        [member](const Row& r, std::string_view c, T& out) { out.*member = db::json_value(r, c); },
        [member](const T& in) -> Arg::Value { return (in.*member).dump(); });
  }

  // A column read into the object but never bound (joined names, computed figures).
  template <typename M>
  Columns& read_only(std::string name, M T::*member) {
    Columns probe;
    if constexpr (std::is_integral_v<M> || std::is_same_v<M, std::optional<long long>>)
      probe.integer(name, member);
    else if constexpr (std::is_same_v<M, double> || std::is_same_v<M, std::optional<double>>)
      probe.real(name, member);
    else
      probe.text(name, member);
    columns_.push_back({std::move(name), std::move(probe.columns_.front().read), nullptr});
    return with_use(Write::kNever);
  }

  // The row's own id, its key (as kit::Fields names it).
  Columns& id(std::string T::*member) { return text("id", member, Write::kKey); }
  // The row's owner (a project), set once when the row is made.
  Columns& parent(std::string T::*member, std::string name = "project_id") {
    return text(std::move(name), member, Write::kOnce);
  }

  // The optimistic-locking "version" column: inserted as 1; an update adds one to it and
  // changes the row only while it still holds :expected.
  template <typename M>
  Columns& version(M T::*member) {
    integer("version", member);
    columns_.back().use = Write::kVersion;
    return rebuild();
  }

  // A versioned row's bookkeeping, the same in every table that has it: its version, when
  // it was made (set once) and when it last changed.
  Columns& stamps() {
    version(&T::version);
    text("created_at", &T::created_at, Write::kOnce);
    return text("updated_at", &T::updated_at);
  }

  // One more assignment each update makes ("auth_version = auth_version + 1").
  Columns& on_update(std::string assignment) {
    on_update_ = std::move(assignment);
    return rebuild();
  }

  // "id, title, …", optionally each prefixed ("p.id, p.title, …").
  std::string list(std::string_view prefix = {}) const {
    std::string out;
    for (const auto& c : columns_) {
      if (!out.empty()) out += ", ";
      out.append(prefix).append(c.name);
    }
    return out;
  }

  // "NULL, NULL, …", one for each column list() names: the place of these columns in a UNION ALL
  // branch that reads other rows alongside (a project read with its units).
  std::string nulls() const {
    std::string out;
    for (std::size_t i = 0; i < columns_.size(); ++i) out += i == 0 ? "NULL" : ", NULL";
    return out;
  }

  // A read of the table as `alias` with names joined to it: "SELECT <alias>.<columns>, <extra>
  // FROM <table> <alias> <joins> WHERE <alias>.<scope> = :<scope> …".
  std::string select_joined(std::string_view alias, std::string_view extra,
                            std::string_view joins) const {
    const std::string prefix = std::string(alias) + ".";
    std::string out = "SELECT " + list(prefix);
    if (!extra.empty()) out.append(", ").append(extra);
    out.append(" FROM ").append(table_).append(" ").append(alias).append(" ").append(joins);
    for (std::size_t i = 0; i < scope_.size(); ++i)
      out.append(i == 0 ? " WHERE " : " AND ").append(prefix + scope_[i] + " = :" + scope_[i]);
    return out;
  }

  T read(const Row& row) const {
    T out{};
    for (const auto& c : columns_) c.read(row, c.name, out);
    return out;
  }

  // The table's statements (see TableSql), written once when the table is built.
  const std::string& select_sql() const { return sql_.select; }
  const std::string& select_one_sql() const { return sql_.select_one; }
  const std::string& exists_sql() const { return sql_.exists; }
  const std::string& insert_sql() const { return sql_.insert; }
  const std::string& update_sql() const { return sql_.update; }
  const std::string& delete_sql() const { return sql_.remove; }

  // The row the key arguments name (select_one_sql()), if there is one.
  std::optional<T> find(soci::session& sql, std::initializer_list<Arg> key) const {
    return read_first(query(sql, select_one_sql(), key));
  }

  std::vector<T> read_all(const Rows& rows) const {
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(read(r));
    return out;
  }

  std::optional<T> read_first(const Rows& rows) const {
    if (rows.empty()) return std::nullopt;
    return read(rows[0]);
  }

  // Every bound column of `value` as named arguments, after `extra` (tenant_id, …).
  std::vector<Arg> args(const T& value, std::initializer_list<Arg> extra = {}) const {
    std::vector<Arg> out(extra);
    out.reserve(extra.size() + columns_.size());
    for (const auto& c : columns_)
      if (c.write) out.emplace_back(c.name, c.write(value));
    return out;
  }

 private:
  struct Column {
    std::string name;
    std::function<void(const Row&, std::string_view, T&)> read;
    std::function<Arg::Value(const T&)> write;  // null: read only
    Write use = Write::kAlways;
  };

  template <typename Read, typename Bind>
  Columns& add(std::string name, Write write, Read read, Bind bind) {
    columns_.push_back({std::move(name), std::move(read), std::move(bind)});
    return with_use(write);
  }

  Columns& with_use(Write write) {
    columns_.back().use = write;
    return rebuild();
  }

  // Tables are built once, at start-up, so writing the statements again per column is cheap.
  Columns& rebuild() {
    if (table_.empty()) return *this;
    std::vector<ColumnUse> uses;
    for (const auto& c : columns_) uses.push_back({c.name, c.use});
    for (const auto& b : bound_) uses.push_back({b, Write::kBound});
    sql_ = table_sql(table_, scope_, uses, on_update_);
    return *this;
  }

  std::string table_;
  std::vector<std::string> scope_;
  std::vector<std::string> bound_;
  std::vector<Column> columns_;
  std::string on_update_;
  TableSql sql_;
};

// A tenant's table whose rows are named by their own id; every statement is limited to
// the tenant.
template <typename T>
Columns<T> tenant_table(std::string table) {
  return Columns<T>(std::move(table), {"tenant_id"}).id(&T::id);
}

// A table of one of the tenant's projects: as tenant_table, and each row names its project.
template <typename T>
Columns<T> project_table(std::string table) {
  return tenant_table<T>(std::move(table)).parent(&T::project_id);
}

}  // namespace db
