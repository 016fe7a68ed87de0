#pragma once

#include "db/database.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace ops {

// /healthz, /metrics and /api/v1/openapi.json.
void add_routes(http::Router& router, db::Database& db, http::Metrics& metrics);

}  // namespace ops
