#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "jobs/registry.hpp"

namespace privacy {

// GET /api/v1/people/{id}/personal-data, POST /api/v1/people/{id}/erase,
// GET/PUT /api/v1/tenant/privacy-retention, GET /api/v1/privacy/record (administrators).
void add_api_routes(http::Router& router, db::Database& db);
// /people/{id}/personal-data (+ erase form), /settings/privacy, /privacy/record.
void add_page_routes(http::Router& router, db::Database& db);
// privacy.retention: hourly.
void register_jobs(jobs::Registry& registry);

}  // namespace privacy
