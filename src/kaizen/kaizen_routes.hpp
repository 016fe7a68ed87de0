#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace kaizen {

// /api/v1/projects/{id}/kaizen-cards, /api/v1/kaizen-cards/{id}… and
// /api/v1/projects/{id}/kaizen-agenda.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/kaizen… (board, wall screen, card forms) and the agenda button's
// target for kaizen meetings.
void add_pages(http::Router& router, db::Database& db);
// The kaizen board's section of the project page.
projects::PageSection project_page_section();

}  // namespace kaizen
