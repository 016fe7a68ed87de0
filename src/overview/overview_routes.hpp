#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace overview {

// GET /api/v1/me/overview.
void add_api_routes(http::Router& router, db::Database& db);
// GET /overview: "Mit overblik", where login lands.
void add_pages(http::Router& router, db::Database& db);

}  // namespace overview
