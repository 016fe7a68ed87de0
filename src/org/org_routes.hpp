#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace org {

// /api/v1/units, /api/v1/people and their nearest-manager lookups.
void add_api_routes(http::Router& router, db::Database& db);
// /org and /people pages.
void add_pages(http::Router& router, db::Database& db);

}  // namespace org
