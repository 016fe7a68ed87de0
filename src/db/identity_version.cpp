#include "db/identity_version.hpp"

#include <string_view>

#include "db/query.hpp"

namespace db {
namespace {

constexpr std::string_view kRaise =
    "UPDATE tenants SET auth_version = auth_version + 1 WHERE id = :id";
constexpr std::string_view kRead = "SELECT auth_version FROM tenants WHERE id = :id";

}  // namespace

void raise_identity_version(soci::session& sql, const std::string& tenant_id) {
  execute(sql, kRaise, {{"id", tenant_id}});
}

long long identity_version(soci::session& sql, const std::string& tenant_id) {
  auto rows = query(sql, kRead, {{"id", tenant_id}});
  return rows.empty() ? -1 : opt_integer(rows[0], "auth_version").value_or(-1);
}

}  // namespace db
