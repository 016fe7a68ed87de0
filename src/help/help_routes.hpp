#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace help {

// /help, /help/{topic} and /help/phases/{phase}: the method help in the reader's language.
void add_pages(http::Router& router, db::Database& db);
// GET /api/v1/help and /api/v1/help/{topic}.
void add_api_routes(http::Router& router, db::Database& db);

}  // namespace help
