// The budget's API: a package's budget (GET/PUT), the tenant's rate card, the project's
// actuals ledger with its import, the budget summary and the funder's report as CSV/XLSX.
#include "work_packages/budget_api.hpp"

#include "core/imports.hpp"
#include "core/money.hpp"
#include "kit/exports.hpp"
#include "kit/imports.hpp"
#include "kit/resource.hpp"
#include "kit/routes.hpp"
#include "kit/tenant_resource.hpp"
#include "kpis/kpi_import.hpp"
#include "kpis/kpi_routes.hpp"
#include "web/i18n.hpp"
#include "work_packages/actual_store.hpp"
#include "work_packages/budget_store.hpp"
#include "work_packages/rate_card.hpp"
#include "work_packages/summary.hpp"
#include "work_packages/work_package_store.hpp"

namespace work_packages {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;

Response get_budget(const WorkPackage& wp, const ProjectScope& scope, Request&) {
  return Response::json(200, to_json(BudgetStore(scope.sql(), scope.tenant_id()).of(wp)));
}

Response put_budget(const WorkPackage& wp, const ProjectScope& scope, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  std::optional<long long> expected;
  if (input.has("version") && !input.is_null("version"))
    expected = input.optional_int("version", 0, INT64_MAX);
  auto budget = parse_budget(input);
  budget.work_package_id = wp.id;
  return Response::json(
      200,
      to_json(BudgetStore(scope.sql(), scope.tenant_id()).put(&req.who(), wp, budget, expected)));
}

// A dry run reports; a real import stores every row or, when any has errors, none (422).
Response import(const ProjectScope& scope, const Request& req) {
  bool checking = kit::dry_run(req);
  core::ImportSlot slot;
  ActualStore store(scope.sql(), scope.tenant_id());
  auto rows =
      store.plan_import(scope.project().id, kpis::read_import_file(kpis::import_upload(req)));
  return kit::import_answer(
      rows, checking, [](const ImportRow& r) { return to_json(r); },
      [&] { store.apply_import(&scope.who(), scope.project().id, rows); });
}

Response budget_summary(const ProjectScope& scope, const Request&) {
  return Response::json(200, to_json(summary_of(scope)));
}

void register_schemas() {
  const json text = {{"type", "string"}};
  http::register_schema(
      "WorkPackageBudget",
      {{"type", "object"},
       {"description",
        "lines per year (hours at the rate card's rate, subcontractors, other costs) and "
        "financing rows whose shares add up to 100 %; amounts are exact decimal texts"},
       {"properties",
        {{"work_package_id", text},
         {"version", {{"type", "integer"}}},
         {"lines", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"financing", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"years", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"totals", {{"type", "object"}}}}}});
  http::register_schema("BudgetSummary",
                        {{"type", "object"},
                         {"properties",
                          {{"project", {{"type", "object"}}},
                           {"packages", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                           {"years", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                           {"funders", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                           {"burn", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}});
  http::register_schema("ActualImportReport",
                        http::import_report_schema({{"date", text}, {"work_package_id", text}}));
}

}  // namespace

core::Table funder_table(const Summary& s, const std::string& locale) {
  core::Table table = {{web::t(locale, "wp_col_funder"), web::t(locale, "wp_col_title"),
                        web::t(locale, "wp_col_year"), web::t(locale, "wp_col_granted"),
                        web::t(locale, "wp_col_spent"), web::t(locale, "wp_col_remaining")}};
  for (const auto& f : s.funders) {
    for (const auto& c : f.cells)
      table.push_back({f.funder, c.package_title, std::to_string(c.year),
                       core::format_fixed(c.granted), core::format_fixed(c.spent),
                       core::format_fixed(c.granted - c.spent)});
    table.push_back({f.funder, web::t(locale, "wp_total"), "", core::format_fixed(f.granted),
                     core::format_fixed(f.spent), core::format_fixed(f.granted - f.spent)});
  }
  return table;
}

Summary summary_of(const ProjectScope& scope) {
  const std::string today = scope.who().today();
  auto packages = WorkPackageStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
  auto budgets = BudgetStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
  auto actuals = ActualStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
  return summarise(packages, budgets, actuals, today);
}

std::optional<long long> used_share_of(const ProjectScope& scope) {
  long long budget = 0;
  for (const auto& [_, b] :
       BudgetStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id))
    budget += total(b);
  if (budget <= 0) return std::nullopt;
  const long long spent =
      ActualStore(scope.sql(), scope.tenant_id()).spent_on_project(scope.project().id);
  return core::mul_div_round(spent, kWholeShare, budget);
}

std::vector<kit::ItemAction<WorkPackage>> budget_actions() {
  return {kit::read_action<WorkPackage>("budget", "The package's budget and financing",
                                        "WorkPackageBudget", get_budget),
          {.name = "budget",
           .right = kit::ProjectRight::kEdit,
           .summary = "Replace the package's budget lines and financing (shares add up to "
                      "100 %; hours need a rate on the tenant's rate card)",
           .request_schema = "WorkPackageBudget",
           .response_schema = "WorkPackageBudget",
           .run = put_budget,
           .method = "PUT"}};
}

void add_budget_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_tenant_routes(
      router, db,
      kit::TenantResource<HourlyRate, RateCardStore>{.plural = "hourly-rates",
                                                     .schema = "HourlyRate",
                                                     .tag = "work packages",
                                                     .noun = "hourly rate",
                                                     .fields = hourly_rate_fields()});
  kit::add_api_routes(router, db,
                      kit::Resource<Actual, ActualStore>{.plural = "actuals",
                                                         .schema = "Actual",
                                                         .tag = "work packages",
                                                         .noun = "actual",
                                                         .fields = actual_fields(),
                                                         .cursor_key = "date"});
  kit::add_routes(
      router, db,
      {{"POST",
        "/api/v1/projects/{id}/actuals/import",
        http::Access::kAuthenticated,
        projects::scoped(kit::ProjectRight::kEdit, import),
        {"Import actuals from CSV or XLSX (columns date, package, kind, amount, hours, note): "
         "?dry_run=true reports per row and stores nothing; a real import is all-or-nothing "
         "(422 with the report)",
         "work packages", "", "ActualImportReport"}},
       {"GET",
        "/api/v1/projects/{id}/budget-summary",
        http::Access::kAuthenticated,
        projects::scoped(kit::ProjectRight::kRead, budget_summary),
        {"Budget vs actual per package, year, funder and project, the grant's share and the "
         "burn per month",
         "work packages", "", "BudgetSummary"}}});
  kit::add_table_exports(router, db,
                         {.name = "funder-report",
                          .tag = "work packages",
                          .summary = "What each funder granted and what was spent, per package "
                                     "and year",
                          .sheet = "wp_funder_sheet",
                          .table = [](const ProjectScope& scope, const Request& req) {
                            return funder_table(summary_of(scope), req.locale);
                          }});
}

}  // namespace work_packages
