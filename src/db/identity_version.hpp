#pragma once

#include <string>

#include <soci/soci.h>

namespace db {

// The tenant's identity version (tenants.auth_version). Instances keep who a session or API
// token stands for in memory and compare this number on every request; a store that changes
// anything an identity is made of — ends a session, revokes a token, changes a password, a
// role, a login, a person's name or language, the tenant's settings — raises it inside its own
// write transaction, so the change takes effect at once on every instance.
void raise_identity_version(soci::session& sql, const std::string& tenant_id);
long long identity_version(soci::session& sql, const std::string& tenant_id);

}  // namespace db
