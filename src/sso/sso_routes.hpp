#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace sso {

// /api/v1/identity-providers (tenant administrators): configure the tenant's providers.
void add_idp_routes(http::Router& router, db::Database& db);
// The OIDC sign-in (/sso/{tenant}/{idp}/start, /sso/callback), the login page's buttons and
// the logout at the provider, and the settings pages.
void add_pages(http::Router& router, db::Database& db);
// /settings/sso (administrators): the tenant's providers as forms.
void add_settings_pages(http::Router& router, db::Database& db);

}  // namespace sso
