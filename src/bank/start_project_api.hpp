#pragma once

#include <string>

#include <soci/soci.h>

#include "bank/adoption_store.hpp"
#include "core/input.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project.hpp"

namespace bank {

// The map titles and the citizen lane's name in `locale`.
StartTexts start_texts(const std::string& locale);

// The start the API and the form share: NotFound for an entry not published, Forbidden
// outside a municipality, then the input (`input.check()` throws its ValidationError).
projects::Project start_from(soci::session& sql, const http::Request& req, core::Input& input);

// POST /api/v1/bank/{entry}/start-project.
void add_start_api_routes(http::Router& router, db::Database& db);
// GET/POST /bank/{entry}/start: the form.
void add_start_page_routes(http::Router& router, db::Database& db);

}  // namespace bank
