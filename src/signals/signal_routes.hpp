#pragma once

#include <string>

#include "db/database.hpp"
#include "http/router.hpp"

namespace signals {

// /api/v1/signals, /api/v1/signals/{id}/actions and /api/v1/signal-stats.
void add_api_routes(http::Router& router, db::Database& db);
// The citizens' form and private link: /public/{tenant}/signals, /public/signals/{token}.
void add_public_routes(http::Router& router, db::Database& db);
// The inbox, a signal's page, the staff form and the statistics page.
void add_pages(http::Router& router, db::Database& db);

}  // namespace signals
