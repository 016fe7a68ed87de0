#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace wins {

// /api/v1/projects/{id}/wins and /api/v1/wins/{id}.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/wins: the whole log and the form.
void add_pages(http::Router& router, db::Database& db);
// The "Wins" section of the project page: the newest wins.
projects::PageSection project_page_section();

}  // namespace wins
