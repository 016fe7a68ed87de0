#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace bank {

// POST/GET/DELETE /api/v1/projects/{id}/publish, GET /api/v1/bank and /api/v1/bank/{entry}.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/bank (publish with a preview), /bank (search), /bank/{entry} and its maps.
void add_pages(http::Router& router, db::Database& db);

}  // namespace bank
