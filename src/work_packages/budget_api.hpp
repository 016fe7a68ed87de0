#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "kit/resource.hpp"
#include "work_packages/summary.hpp"
#include "work_packages/work_package.hpp"

namespace work_packages {

// GET/PUT /api/v1/work-packages/{id}/budget, as actions of the work package resource.
std::vector<kit::ItemAction<WorkPackage>> budget_actions();
// /api/v1/hourly-rates, /api/v1/projects/{id}/actuals (+ /import), …/budget-summary and
// …/funder-report.csv|.xlsx.
void add_budget_routes(http::Router& router, db::Database& db);
// The project's budget vs actual.
Summary summary_of(const kit::ProjectScope& scope);
// Summary::used_share alone (actual / budget, hundredths of a per cent) without reading every
// actual; nullopt when the project has no budget.
std::optional<long long> used_share_of(const kit::ProjectScope& scope);
// The funder's report: per funder, package and year, granted and spent, with totals.
core::Table funder_table(const Summary& s, const std::string& locale);

}  // namespace work_packages
