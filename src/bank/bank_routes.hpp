#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace bank {

// POST/GET/DELETE /api/v1/projects/{id}/publish, GET /api/v1/bank and /api/v1/bank/{entry}.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/bank (publish with a preview), /bank (search), /bank/{entry} and its maps.
void add_pages(http::Router& router, db::Database& db);
// /projects/{id}/bank: the classification form, the preview and publish, unpublish.
void add_publish_pages(http::Router& router, db::Database& db);
// The overview's card: whether the project is in the bank, and the way to the publish page.
projects::PageSection project_page_section();

}  // namespace bank
