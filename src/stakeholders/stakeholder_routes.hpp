#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace stakeholders {

// /api/v1/projects/{id}/stakeholders (+ .csv, .xlsx), /api/v1/stakeholders/{id} and
// /api/v1/projects/{id}/stakeholder-suggestions.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/stakeholders: the grid, the lists, the suggested groups and the forms;
// /projects/{id}/stakeholders/{stakeholder}: one stakeholder's page.
void add_pages(http::Router& router, db::Database& db);
// The overview's card: how many stakeholders per quadrant and the next contacts due.
projects::PageSection project_page_section();

}  // namespace stakeholders
