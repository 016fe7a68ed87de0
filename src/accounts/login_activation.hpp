#pragma once

#include <string>

#include <soci/soci.h>

#include "core/auth_context.hpp"

namespace accounts {

// Turns the login of a person on or off, inside the caller's transaction (a person deactivated
// by SCIM or by hand). Turning it off ends every session of the login and revokes its API tokens;
// both take effect at once on every instance, because the tenant's identity version is raised
// in the same transaction. Turning it on again allows a new login and restores nothing. Audited
// as an update of the account (LoginStore). A person without a login is left alone.
void set_login_active(soci::session& sql, const std::string& tenant_id,
                      const core::AuthContext& who, const std::string& person_id, bool active);

}  // namespace accounts
