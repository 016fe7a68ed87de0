#pragma once

#include "sso/identity_provider.hpp"

namespace sso {

// A provider's own settings are checked when it is saved, so a bad issuer or a pasted document
// that is not an IdP's metadata is a 422 on the form rather than a refusal at sign-in.
// ValidationError names "settings" (or the OIDC field at fault).
void check_kind_settings(const IdentityProvider& idp);

}  // namespace sso
