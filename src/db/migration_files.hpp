#pragma once

#include <string_view>

#include "db/database.hpp"

namespace db {

// A migration is `NNNN_name.sql`, run on both engines, or one of a pair
// `NNNN_name.sqlite.sql` + `NNNN_name.postgres.sql` of the same version where DDL differs
// (a full-text index, D39): each engine runs only its own file and records the version once.
inline bool migration_runs_on(std::string_view file, Engine engine) {
  constexpr std::string_view kSqlite = ".sqlite.sql";
  constexpr std::string_view kPostgres = ".postgres.sql";
  if (file.ends_with(kSqlite)) return engine == Engine::kSqlite;
  if (file.ends_with(kPostgres)) return engine == Engine::kPostgres;
  return true;
}

}  // namespace db
