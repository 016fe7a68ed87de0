#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "maps/map_store.hpp"
#include "projects/next_steps.hpp"
#include "projects/project_scope.hpp"

namespace maps {

// /api/v1/projects/{id}/maps, /api/v1/maps/{id}/…, /api/v1/projects/{id}/map-comparison.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/maps… pages.
void add_pages(http::Router& router, db::Database& db);
// The project overview's next steps about maps: no as-is map yet, a redesign made too soon.
projects::NextStepSource next_steps();
// The project's maps (MapStore::list), read once for the request: the overview's next steps
// and its adoption card both look at them.
const std::vector<MapInfo>& project_maps(const projects::ProjectScope& scope);

}  // namespace maps
