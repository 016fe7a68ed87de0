#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace work_packages {

// /api/v1/projects/{id}/work-packages, /api/v1/work-packages/{id} and what hangs on them.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/work-packages: the list, the timeline and one package's page.
void add_pages(http::Router& router, db::Database& db);
// The overview's card: packages on time and late.
projects::PageSection project_page_section();

}  // namespace work_packages
