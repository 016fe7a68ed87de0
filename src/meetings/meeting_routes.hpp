#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/next_steps.hpp"
#include "projects/project_routes.hpp"

namespace meetings {

// /api/v1/projects/{id}/meetings…, /api/v1/meetings/{id}…, the .ics exports and
// /api/v1/people/{id}/deadlines.ics.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/meetings… and /projects/{id}/attendance.
void add_pages(http::Router& router, db::Database& db);
// The meetings section of the project page.
projects::PageSection project_page_section();
// The next meeting, for the project's overview.
projects::PageSection overview_section();
// "Næste skridt": the kaizen meeting is overdue.
projects::NextStepSource next_steps();

}  // namespace meetings
