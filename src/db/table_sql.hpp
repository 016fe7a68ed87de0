#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace db {

// How a column takes part in the statements its table writes.
enum class Write : std::uint8_t {
  kAlways,   // inserted, and set by every update
  kKey,      // inserted; names the row (the WHERE of an update, a delete, a lookup)
  kOnce,     // inserted, never updated (created_at, the owning project, an origin)
  kVersion,  // inserted as 1; an update adds one and changes the row only at :expected
  kNever,    // read only: a joined name, a computed figure
  kBound,    // inserted from the call's own arguments, not read (created_by, a position)
};

struct ColumnUse {
  std::string_view name;
  Write write;
};

// A table's everyday statements, each written once when its column table is built.
// Parameters are named as the columns (":title"), the version check is ":expected".
struct TableSql {
  std::string select;      // SELECT <columns> FROM t [WHERE scope]
  std::string select_one;  // … the one row with the key
  std::string exists;      // SELECT COUNT(*) FROM t WHERE scope AND key
  std::string insert;      // INSERT INTO t (scope, columns) VALUES (…)
  std::string update;      // UPDATE t SET … WHERE scope AND key [AND version = :expected]
  std::string remove;      // DELETE FROM t WHERE scope AND key
};

// `scope` names columns every statement is limited by (tenant_id); `on_update` is one more
// assignment each update makes ("auth_version = auth_version + 1").
TableSql table_sql(std::string_view table, std::span<const std::string> scope,
                   std::span<const ColumnUse> columns, std::string_view on_update = {});

}  // namespace db
