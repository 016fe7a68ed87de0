#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace db {

// A statement written with named parameters (":tenant_id"), rewritten for libpq's
// positional ones ("$1"). A name used twice keeps one position.
struct PgStatement {
  std::string text;
  std::vector<std::string> names;  // names[i] is $(i+1)
};

// Pure: rewrites outside string literals, quoted identifiers and "::" casts.
PgStatement to_positional(std::string_view statement);
// The same, remembered per statement text for the life of the process.
const PgStatement& pg_statement(std::string_view statement);
// A double as PostgreSQL reads it back exactly.
std::string pg_double(double value);

}  // namespace db
