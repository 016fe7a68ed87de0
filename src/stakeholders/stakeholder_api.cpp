// The stakeholder analysis as JSON API: the stakeholders as a resource declared on the kit,
// the seed's groups as a suggested starting list and the CSV and XLSX exports.
#include "kit/exports.hpp"
#include "kit/resource.hpp"
#include "kit/routes.hpp"
#include "stakeholders/stakeholder_routes.hpp"
#include "stakeholders/stakeholder_store.hpp"
#include "stakeholders/stakeholder_view.hpp"

namespace stakeholders {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;

// The stakeholder with the date its next contact is judged against: the caller's today.
Stakeholder for_request(Stakeholder s, const Request& req) {
  s.today = req.who().today();
  return s;
}

std::vector<Stakeholder> of_project(const ProjectScope& scope) {
  return StakeholderStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
}

Response suggestions(const ProjectScope& scope, const Request& req) {
  return Response::json(200,
                        http::page_in_order(req, suggestions_json(of_project(scope), req.locale)));
}

void register_schemas() {
  http::register_schema(
      "StakeholderSuggestion",
      {{"type", "object"},
       {"properties",
        {{"group", {{"enum", groups()}}},
         {"side", {{"enum", {"internal", "external"}}}},
         {"name", {{"type", "string"}, {"description", "the group in the caller's language"}}}}}});
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  kit::add_api_routes(router, db,
                      kit::Resource<Stakeholder, StakeholderStore>{.plural = "stakeholders",
                                                                   .schema = "Stakeholder",
                                                                   .noun = "stakeholder",
                                                                   .fields = stakeholder_fields(),
                                                                   .for_request = for_request});
  register_schemas();
  kit::add_table_exports(router, db,
                         {.name = "stakeholders",
                          .file = "stakeholder-analysis",
                          .summary = "The stakeholder analysis",
                          .sheet = "stakeholder_sheet",
                          .date_columns = {kNextContactColumn},
                          .table = [](const ProjectScope& scope, const Request& req) {
                            return export_table(of_project(scope), req.locale);
                          }});
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/projects/{id}/stakeholder-suggestions",
        http::Access::kAuthenticated,
        projects::scoped(kit::ProjectRight::kRead, suggestions),
        {"The seed's stakeholder groups not yet in the project's analysis (a starting list; "
         "add each with a POST to the project's stakeholders)",
         "stakeholders", "", "StakeholderSuggestion", true}}});
}

}  // namespace stakeholders
