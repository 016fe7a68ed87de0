#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "programmes/programme_pages.hpp"

namespace programmes {

// /api/v1/programmes… (programmes, clusters, tracks, attached projects).
void add_api_routes(http::Router& router, db::Database& db);
// /api/v1/umbrella-memberships… and /api/v1/umbrella/… (members, join code).
void add_umbrella_routes(http::Router& router, db::Database& db);
// /api/v1/portfolio(.csv|.xlsx) and the /portfolio page with its exports.
void add_portfolio_routes(http::Router& router, db::Database& db);
// /programmes pages and the membership forms; `rollup` adds facts beside each project of a
// programme (the latest status report's colours).
void add_pages(http::Router& router, db::Database& db, pages::ProjectRollup rollup = {});

}  // namespace programmes
