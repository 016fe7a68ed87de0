#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace surveys {

// /api/v1/surveys…, /api/v1/rounds/{id}… and the answer through a personal link, /s/{link}.
void add_api_routes(http::Router& router, db::Database& db);
// The answer form behind a link, /s/{link}, open without a login.
void add_answer_routes(http::Router& router, db::Database& db);
// /surveys: the tenant's surveys, one survey with its rounds, and a round's results.
void add_pages(http::Router& router, db::Database& db);

}  // namespace surveys
