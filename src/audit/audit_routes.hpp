#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace audit {

// GET /api/v1/audit and the /audit page, both for tenant administrators.
void add_routes(http::Router& router, db::Database& db);

}  // namespace audit
