#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace mail {

// GET /api/v1/outbox (the tenant's mail with status, attempts and the last error; for
// administrators) and GET/PUT /api/v1/me/mail-preference.
void add_api_routes(http::Router& router, db::Database& db);
// GET/POST /account/mail: the same choice as a page.
void add_pages(http::Router& router, db::Database& db);

}  // namespace mail
