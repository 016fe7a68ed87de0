#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/query.hpp"

namespace db {

// A store's columns named once: the SELECT list, the row reader and the values bound to
// INSERT and UPDATE statements all come from this table, so adding a column is one line
// here and one in the SQL that writes it. The SQL itself stays in the store.
//
//   const db::Columns<Unit>& columns() {
//     static const auto c = db::Columns<Unit>()
//         .text("id", &Unit::id).text("parent_id", &Unit::parent_id)
//         .integer("version", &Unit::version);
//     return c;
//   }
//   db::query(sql, "SELECT " + columns().list() + " FROM units …", args);  // build once
//   Unit u = columns().read(row);
//   db::execute(sql, kInsert, columns().args(u, {{"tenant_id", tenant_id_}}));
//
// Arguments a statement does not name are ignored, so one set serves INSERT and UPDATE.
template <typename T>
class Columns {
 public:
  // TEXT columns: a std::string (NULL reads as "") or a std::optional<std::string>.
  template <typename M>
  Columns& text(std::string name, M T::*member) {
    static_assert(std::is_same_v<M, std::string> || std::is_same_v<M, std::optional<std::string>>);
    return add(
        std::move(name),
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
  Columns& integer(std::string name, M T::*member) {
    return add(
        std::move(name),
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
  Columns& real(std::string name, M T::*member) {
    static_assert(std::is_same_v<M, double> || std::is_same_v<M, std::optional<double>>);
    return add(
        std::move(name),
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
  Columns& text_list(std::string name, std::vector<std::string> T::*member) {
    return add(
        std::move(name),
        [member](const Row& r, std::string_view c, T& out) {
          auto j = nlohmann::json::parse(db::text(r, c), nullptr, false);
          (out.*member).clear();
          if (!j.is_array()) return;
          for (const auto& v : j)
            if (v.is_string()) (out.*member).push_back(v.template get<std::string>());
        },
        [member](const T& in) -> Arg::Value { return nlohmann::json(in.*member).dump(); });
  }

  // A JSON document kept in one TEXT column (an unreadable one reads as a discarded value).
  Columns& json(std::string name, nlohmann::json T::*member) {
    return add(
        std::move(name),
        [member](const Row& r, std::string_view c, T& out) {
          out.*member = nlohmann::json::parse(db::text(r, c), nullptr, false);
        },
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
    return *this;
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

  T read(const Row& row) const {
    T out{};
    for (const auto& c : columns_) c.read(row, c.name, out);
    return out;
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
    std::function<Arg::Value(const T&)> write;
  };

  template <typename Read, typename Write>
  Columns& add(std::string name, Read read, Write write) {
    columns_.push_back({std::move(name), std::move(read), std::move(write)});
    return *this;
  }

  std::vector<Column> columns_;
};

}  // namespace db
