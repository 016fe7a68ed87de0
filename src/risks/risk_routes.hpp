#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "programmes/page_sections.hpp"
#include "projects/project_routes.hpp"

namespace risks {

// /api/v1/projects/{id}/risks, /api/v1/risks/{id} (and …/actions), the heat maps
// (/api/v1/projects/{id}/risk-matrix, /api/v1/portfolio/risk-matrix) and risks.csv/.xlsx.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/risks: the log, the heat map and the form; /projects/{id}/risks/{risk}.
void add_pages(http::Router& router, db::Database& db);
// The heat maps across projects: /api/v1/portfolio/risk-matrix,
// /api/v1/programmes/{id}/risk-matrix and their pages /portfolio/risks, /programmes/{id}/risks.
void add_overall_maps(http::Router& router, db::Database& db);
// The heat maps (before and after) drawn on the programme page and the portfolio page.
programmes::PageSections overall_map_sections();
// "Top risks" on the project page: the highest open risks and overdue reviews.
projects::PageSection project_page_section();

}  // namespace risks
