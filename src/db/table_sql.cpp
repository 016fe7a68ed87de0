#include "db/table_sql.hpp"

namespace db {
namespace {

void join(std::string& out, std::string_view separator, std::string_view part) {
  if (!out.empty()) out.append(separator);
  out.append(part);
}

std::string param(std::string_view name) { return std::string(":").append(name); }

std::string equals(std::string_view name) {
  return std::string(name).append(" = ").append(param(name));
}

}  // namespace

TableSql table_sql(std::string_view table, std::span<const std::string> scope,
                   std::span<const ColumnUse> columns, std::string_view on_update) {
  std::string read, names, values, set, where, key;
  for (const auto& s : scope) {
    join(names, ", ", s);
    join(values, ", ", param(s));
    join(where, " AND ", equals(s));
  }
  bool versioned = false;
  for (const auto& c : columns) {
    if (c.write != Write::kBound) join(read, ", ", c.name);
    if (c.write == Write::kNever) continue;
    join(names, ", ", c.name);
    join(values, ", ", c.write == Write::kVersion ? std::string("1") : param(c.name));
    if (c.write == Write::kKey) join(key, " AND ", equals(c.name));
    if (c.write == Write::kAlways) join(set, ", ", equals(c.name));
    if (c.write == Write::kVersion) {
      join(set, ", ", "version = version + 1");
      versioned = true;
    }
  }
  if (!on_update.empty()) join(set, ", ", on_update);
  // A table without a key (a project's units) names its rows by the scope alone.
  std::string row_where = where;
  if (!key.empty()) join(row_where, " AND ", key);

  const std::string name(table);
  TableSql out;
  out.select = "SELECT " + read + " FROM " + name + (where.empty() ? "" : " WHERE " + where);
  out.select_one = "SELECT " + read + " FROM " + name + " WHERE " + row_where;
  out.exists = "SELECT COUNT(*) FROM " + name + " WHERE " + row_where;
  out.insert = "INSERT INTO " + name + " (" + names + ") VALUES (" + values + ")";
  out.update = "UPDATE " + name + " SET " + set + " WHERE " + row_where +
               (versioned ? " AND version = :expected" : "");
  out.remove = "DELETE FROM " + name + " WHERE " + row_where;
  return out;
}

}  // namespace db
