#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace actions {

// /api/v1/projects/{id}/actions…, /api/v1/actions/{id}, /api/v1/my-actions and
// /api/v1/projects/{id}/action-suggestions.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/actions… and /my-actions.
void add_pages(http::Router& router, db::Database& db);
// The action plan's section of the project page.
projects::PageSection project_page_section();

}  // namespace actions
