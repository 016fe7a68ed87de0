#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace kpis {

// /api/v1/projects/{id}/kpis, /api/v1/kpis/{id}… (measurements, chart, periods).
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/kpis and /projects/{id}/kpis/{kpi}… pages.
void add_pages(http::Router& router, db::Database& db);
// The bytes of an uploaded import: the multipart part named "file" (or the first
// file part), or the raw body (text/csv or the .xlsx type). ValidationError "file"
// when there is none.
std::string import_upload(const http::Request& req);
// The KPI section of the project page.
projects::PageSection project_page_section();

}  // namespace kpis
