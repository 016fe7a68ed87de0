#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace sso {

// /api/v1/identity-providers (tenant administrators): configure the tenant's providers.
void add_idp_routes(http::Router& router, db::Database& db);
// /settings/sso (administrators) and the OIDC sign-in: /sso/{tenant}/{idp}/start,
// /sso/callback, /sso/logout.
void add_pages(http::Router& router, db::Database& db);

}  // namespace sso
