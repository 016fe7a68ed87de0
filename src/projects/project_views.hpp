#pragma once

// The route files' shared pieces (internal to projects): their names, the front page (which
// forms posted from it show again) and the charter pages.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace projects {

// The names every route file of projects uses.
using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

nlohmann::json status_view(const http::Request& req, const std::string& status);

// The project's front page; `move_form` and `errors` refill the form that was posted.
http::Response project_page(db::Database& db, const TabParts& parts, const http::Request& req,
                            const nlohmann::json& move_form, const nlohmann::json& errors,
                            int status);

// GET /projects/{id}, its forms (checklist items, the phase gate).
void add_front_page(http::Router& router, db::Database& db, const TabParts& parts);
// /projects/{id}/roles, /decisions (and its form) and /items/{item}.
void add_tab_pages(http::Router& router, db::Database& db,
                   const std::vector<PageSection>& decision_sections);
// /projects/{id}/charter and /projects/{id}/print.
void add_charter_pages(http::Router& router, db::Database& db);

}  // namespace projects
