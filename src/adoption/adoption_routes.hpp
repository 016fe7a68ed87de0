#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "kpis/kpi_routes.hpp"
#include "projects/project_routes.hpp"

namespace adoption {

// /api/v1/projects/{id}/adoption…, /lessons, /closing-report, /api/v1/lessons/{id} and
// /api/v1/kpis/{id}/split-suggestions.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/adoption, /projects/{id}/closing-report, the lessons forms and the
// accepted split of a KPI page.
void add_pages(http::Router& router, db::Database& db);
// The project page's section: how much of the redesign is adopted.
projects::PageSection project_page_section();
// What adoption adds to the KPIs: the suggested split on the KPI page and the win
// when a KPI's newest value reaches its target.
kpis::KpiHooks kpi_hooks();

}  // namespace adoption
