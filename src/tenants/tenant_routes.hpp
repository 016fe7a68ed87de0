#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace tenants {

// GET /api/v1/tenant (every member) and PATCH /api/v1/tenant (administrators): the
// tenant's name, default language and time zone.
void add_api_routes(http::Router& router, db::Database& db);
// /settings: the same as a page for administrators.
void add_pages(http::Router& router, db::Database& db);

}  // namespace tenants
