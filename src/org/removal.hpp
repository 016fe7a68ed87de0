#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/errors.hpp"
#include "db/query.hpp"
#include "db/row.hpp"

// People and units are removed only when nothing names them any more; the person's and the
// unit's stores say what names them, this does the checks and the delete the same way.
namespace org {

// The 409 a removal is refused with.
struct Refusal {
  std::string_view message;
  std::string_view code;
};

// Rows that still name the person or unit: a COUNT(*) over :tenant_id and :id, and the
// refusal when it finds any.
struct NamedBy {
  std::string_view count_sql;
  Refusal refusal;
};

// Deletes the row `id` unless one of `checks` still finds rows naming it; a foreign key the
// database still holds (rows the checks do not know of) is refused as `in_use`. Each refusal
// is a Conflict carrying `current`, the row as it is.
inline void remove_unless_named(soci::session& sql, const std::string& tenant_id,
                                std::string_view delete_sql, const std::string& id,
                                const nlohmann::json& current,
                                std::initializer_list<NamedBy> checks, const Refusal& in_use) {
  for (const auto& c : checks) {
    if (db::scalar(sql, c.count_sql, {{"tenant_id", tenant_id}, {"id", id}}) > 0)
      throw core::Conflict(std::string(c.refusal.message), current, std::string(c.refusal.code));
  }
  try {
    db::execute(sql, delete_sql, {{"tenant_id", tenant_id}, {"id", id}});
  } catch (const soci::soci_error& e) {
    if (!db::is_foreign_key_violation(e)) throw;
    throw core::Conflict(std::string(in_use.message), current, std::string(in_use.code));
  }
}

}  // namespace org
