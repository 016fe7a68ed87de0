#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace surveys {

// /api/v1/surveys…, /api/v1/rounds/{id}… and the answer through a personal link, /s/{link}.
void add_api_routes(http::Router& router, db::Database& db);

}  // namespace surveys
