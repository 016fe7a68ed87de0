#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "scim/scim_filter.hpp"
#include "scim/scim_user.hpp"

namespace scim {

// The tenant's one SCIM token: shown once when made, only its SHA-256 kept.
class TokenStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;
  // A new token, replacing the one before (which stops working at once).
  std::string create(const core::AuthContext& who);
  // NotFound when there is none.
  void revoke(const core::AuthContext& who);
  std::optional<std::string> created_at();
  // The tenant whose token `token` is.
  static std::optional<std::string> tenant_of(soci::session& sql, const std::string& token);
};

struct StoredUser {
  User user;
  Meta meta;  // without location
};

// Users are the tenant's people, with the identity SCIM knows them by where it provisioned or
// matched them; people detached by a SCIM DELETE are no longer Users.
class UserStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  StoredUser get(const std::string& id);  // NotFound
  std::vector<StoredUser> page(long long offset, long long count);
  long long count();
  // `filter` on "username" (also an unlinked person's e-mail) or "externalid".
  std::vector<StoredUser> find(const Filter& filter);

  // Creates the person, or takes over the unlinked person who has the user's e-mail. Conflict
  // ("uniqueness") when userName, externalId or the e-mail belongs to another User.
  StoredUser create(const core::AuthContext& who, const User& user);
  // Writes every attribute (PUT; PATCH after applying its operations). Deactivation ends the
  // person's sessions and API tokens in the same transaction.
  StoredUser replace(const core::AuthContext& who, const std::string& id, const User& user);
  // Deactivates the person and detaches the SCIM identity; the person stays.
  void detach(const core::AuthContext& who, const std::string& id);

 private:
  std::vector<StoredUser> select(const std::string& where, const std::string& key,
                                 long long offset = 0, long long count = kAll);
  void write_identity(const core::AuthContext& who, const std::string& person_id, const User& user);
  static constexpr long long kAll = 1LL << 40;
};

}  // namespace scim
