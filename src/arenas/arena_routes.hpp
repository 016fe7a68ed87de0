#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace arenas {

// /api/v1/arenas, /api/v1/arenas/{id} and the arena's actions (items, log, grow).
void add_api_routes(http::Router& router, db::Database& db);
// /arenas (the list and the form to start one) and /arenas/{id} (the arena and its forms).
void add_pages(http::Router& router, db::Database& db);
// /arenas/{id} and its forms (edit, tick an item, log, grow), added by add_pages.
void add_arena_pages(http::Router& router, db::Database& db);

}  // namespace arenas
