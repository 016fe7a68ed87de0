#pragma once

#include <functional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/next_steps.hpp"
#include "projects/project_scope.hpp"

namespace projects {

// /api/v1/templates, /api/v1/projects…, /api/v1/checklist-items/{id}.
void add_api_routes(http::Router& router, db::Database& db);
// /api/v1/projects/{id}/roles, /coverage, /api/v1/project-roles/{id} and their forms.
void add_role_routes(http::Router& router, db::Database& db);
// /api/v1/templates… (copy, edit, delete) and /templates pages.
void add_template_routes(http::Router& router, db::Database& db);
// A section that a feature built on projects (meetings) adds to a tab of the project: its
// rendered HTML. It gets the page's scope (the project and the caller's roles, read once
// for the whole page).
using PageSection = std::function<std::string(const ProjectScope& scope, const http::Request& req)>;

// What the features built on projects add to its tabs: the sections of the overview and of
// the meetings and decisions tab (before the decision log), and the overview's next steps.
struct TabParts {
  std::vector<PageSection> overview;
  std::vector<PageSection> decisions;
  std::vector<NextStepSource> next_steps;
};

// /projects pages.
void add_pages(http::Router& router, db::Database& db, TabParts parts = {});

}  // namespace projects
