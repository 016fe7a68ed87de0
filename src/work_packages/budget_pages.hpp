#pragma once

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "db/database.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "kit/scope.hpp"
#include "work_packages/work_package.hpp"

namespace work_packages {

// One package's page (work_package_pages.cpp) after a refused budget save: the budget
// editor's typed rows and errors.
http::Response package_page(soci::session& sql, const http::Request& req,
                            const nlohmann::json& budget_typed, const nlohmann::json& budget_errors,
                            int status);
// The budget editor and figures on a package's page.
std::string budget_html(const kit::ProjectScope& scope, const http::Request& req,
                        const WorkPackage& wp, const nlohmann::json& typed,
                        const nlohmann::json& errors);
// /projects/{id}/budget (+ /actuals, /import) and the package page's budget form.
void add_budget_pages(http::Router& router, db::Database& db);

}  // namespace work_packages
