#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace communication {

// /api/v1/projects/{id}/communication (+ .csv, .xlsx), /api/v1/communication/{id},
// /api/v1/projects/{id}/training (+ .csv, .xlsx), /api/v1/training/{id} and
// /api/v1/projects/{id}/training-progress.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/communication and /projects/{id}/training with their forms.
void add_pages(http::Router& router, db::Database& db);
// The training plan's pages (add_pages adds them): /projects/{id}/training and one class's.
void add_training_pages(http::Router& router, db::Database& db);
// The overview's card: the next and overdue communication, and the training's progress.
projects::PageSection project_page_section();

}  // namespace communication
