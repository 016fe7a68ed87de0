#pragma once

#include <string>

#include <soci/soci.h>

#include "accounts/account_routes.hpp"
#include "sso/identity_provider.hpp"

namespace sso {

// The one end of every SSO protocol (D47): `claims` came from `idp` (a provider of
// `idp.tenant_id`) and were verified by the protocol's code. Finds the person — by the provider's
// subject once linked, else by employee id (SCIM's employeeNumber), else by e-mail in the tenant
// — or, in 'jit' mode only, creates them; links the subject; gives the person a login if they
// have none (a random password nobody knows: a login by password needs an administrator to
// set one); applies the role the groups map to; and starts a session, exactly as the password
// login does (accounts::SessionStore). Throws Forbidden with a key the login page translates:
//   sso_not_invited  (invitation mode, nobody matches), sso_deactivated (person or login
//   off), sso_no_email (a new person or login needs an e-mail), sso_disabled (provider off),
//   sso_other_tenant (the e-mail is another tenant's login).
accounts::LoginResult sign_in(soci::session& sql, const IdentityProvider& idp,
                              const Claims& claims);

}  // namespace sso
