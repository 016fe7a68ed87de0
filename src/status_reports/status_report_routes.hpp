#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"
#include "status_reports/status_report.hpp"

namespace status_reports {

// /api/v1/projects/{id}/status-reports, /api/v1/status-reports/{id} and its .html and .pdf.
void add_api_routes(http::Router& router, db::Database& db, Providers providers);
// /projects/{id}/status-reports: the history, the issue form, one report, two compared.
void add_pages(http::Router& router, db::Database& db, Providers providers);
// The overview's card: the latest report's colours and the way to all of them.
projects::PageSection project_page_section();

// The programme page's roll-up: the latest report of each (tenant_id, project_id), by
// project id, as {"issued_on", "url", "areas": [{key, label, colour, colour_label}]}.
nlohmann::json latest_rollup(soci::session& sql,
                             const std::vector<std::pair<std::string, std::string>>& projects,
                             const std::string& locale);

}  // namespace status_reports
