#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace benefits {

// /api/v1/projects/{id}/benefits, /api/v1/benefits/{id}, its judge action and the plan as
// CSV and XLSX.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/benefits: the realisation plan, the gevinstdiagram and the form; a
// benefit's own page.
void add_pages(http::Router& router, db::Database& db);
// The "Benefits on track" section of the project page.
projects::PageSection project_page_section();

}  // namespace benefits
