#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

namespace db {

// Column readers that behave the same on SQLite and PostgreSQL, whose drivers
// report integer columns with different widths.
std::string text(const soci::row& r, const std::string& column);
std::optional<std::string> opt_text(const soci::row& r, const std::string& column);
std::int64_t integer(const soci::row& r, const std::string& column);

// A nullable text bound as a parameter: empty optional → SQL NULL.
struct NullableText {
  std::string value;
  soci::indicator ind;
  explicit NullableText(const std::optional<std::string>& v)
      : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
};

// Maps a named constraint to the typed error a store should throw instead of the
// driver's. SQLite names a unique index only by its columns, so `sqlite_hint`
// carries "table.column" as SQLite prints it.
struct ConstraintRule {
  std::string_view constraint;
  std::string_view sqlite_hint;
  std::function<void()> raise;
};

// Rethrows the matching typed error, or returns when no rule matches.
void map_constraint(const soci::soci_error& e, const std::vector<ConstraintRule>& rules);

// True when a row could not be deleted or written because another row still refers
// to it (or refers to a row that is missing), on either engine.
bool is_foreign_key_violation(const soci::soci_error& e);

}  // namespace db
