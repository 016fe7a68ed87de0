#pragma once

#include <functional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "kpis/kpi.hpp"
#include "projects/next_steps.hpp"
#include "projects/project_routes.hpp"

namespace kpis {

// What features built on KPIs plug in (adoption: the suggested split after a step was
// adopted, the win when a KPI reaches its target), so kpis need not know them.
struct KpiHooks {
  // HTML placed on the KPI page before the chart periods.
  using PageSection =
      std::function<std::string(soci::session& sql, const http::Request& req, const Kpi& kpi)>;
  std::vector<PageSection> page_sections;
  // The project's maps with their steps, for the KPI form's pickers:
  // [{id, title, steps: [{id, name}]}]. Unset: the form asks for the ids as text.
  using MapChoices = std::function<nlohmann::json(soci::session& sql, const std::string& tenant_id,
                                                  const std::string& project_id)>;
  MapChoices map_choices;
  // The common indicators a KPI may be compared on, for the form's select:
  // [{id, label}]. Unset: the form has no such field.
  using IndicatorChoices = std::function<nlohmann::json(soci::session& sql)>;
  IndicatorChoices indicator_choices;
};

// /api/v1/projects/{id}/kpis, /api/v1/kpis/{id}… (measurements, chart, periods).
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/kpis and /projects/{id}/kpis/{kpi}… pages.
void add_pages(http::Router& router, db::Database& db, KpiHooks hooks = {});
// The bytes of an uploaded import: the multipart part named "file" (or the first
// file part), or the raw body (text/csv or the .xlsx type). ValidationError "file"
// when there is none.
std::string import_upload(const http::Request& req);
// The KPI section of the project page.
projects::PageSection project_page_section();
// The project overview's next steps about KPIs: those without a baseline.
projects::NextStepSource next_steps();

}  // namespace kpis
