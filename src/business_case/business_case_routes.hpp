#pragma once

#include <nlohmann/json.hpp>

#include "business_case/business_case_store.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "projects/project_routes.hpp"

namespace business_case {

// GET/PUT /api/v1/projects/{id}/business-case, …/approve, …/versions, and the rows as
// …/business-case.csv and .xlsx.
void add_api_routes(http::Router& router, db::Database& db);
// /projects/{id}/business-case: the year table, the figures, the chart and approval.
void add_pages(http::Router& router, db::Database& db);
// The "Business case" section of the project page: NPV, payback, approved or not.
projects::PageSection project_page_section();

// The case as GET answers it: its fields, the pricing used, the figures and `approved`
// (the newest approved version's summary with its comparison, or null).
nlohmann::json answer(BusinessCaseStore& store, const BusinessCase& bc);

}  // namespace business_case
