#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace projects {

// /api/v1/templates, /api/v1/projects…, /api/v1/checklist-items/{id}.
void add_api_routes(http::Router& router, db::Database& db);
// /api/v1/projects/{id}/roles, /coverage, /api/v1/project-roles/{id} and their forms.
void add_role_routes(http::Router& router, db::Database& db);
// /api/v1/templates… (copy, edit, delete) and /templates pages.
void add_template_routes(http::Router& router, db::Database& db);
// /projects pages.
void add_pages(http::Router& router, db::Database& db);

}  // namespace projects
