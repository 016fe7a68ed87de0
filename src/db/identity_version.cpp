#include "db/identity_version.hpp"

#include <string_view>

namespace db {
namespace {

constexpr std::string_view kRaise =
    "UPDATE tenants SET auth_version = auth_version + 1 WHERE id = :id";
constexpr std::string_view kRead = "SELECT auth_version FROM tenants WHERE id = :id";

}  // namespace

void raise_identity_version(soci::session& sql, const std::string& tenant_id) {
  sql << kRaise, soci::use(tenant_id, "id");
}

long long identity_version(soci::session& sql, const std::string& tenant_id) {
  // A wide type for both drivers: SQLite reports INTEGER as int or long long by value.
  long long version = -1;
  soci::indicator ind = soci::i_null;
  sql << kRead, soci::use(tenant_id, "id"), soci::into(version, ind);
  return sql.got_data() && ind == soci::i_ok ? version : -1;
}

}  // namespace db
