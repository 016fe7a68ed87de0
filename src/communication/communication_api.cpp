// The communication plan and the training plan as JSON API: two resources declared on the
// kit, their CSV and XLSX exports and the training's planned-against-trained summary.
#include "communication/communication_routes.hpp"
#include "communication/communication_store.hpp"
#include "communication/communication_view.hpp"
#include "http/ordered_list.hpp"
#include "kit/exports.hpp"
#include "kit/resource.hpp"
#include "kit/routes.hpp"
#include "org/unit_store.hpp"

namespace communication {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;

// The row with the date `overdue` is judged against: the caller's today.
Communication for_request(Communication c, const Request& req) {
  c.today = req.who().today();
  return c;
}

std::vector<Communication> plan_of(const ProjectScope& scope) {
  return CommunicationStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
}

std::vector<TrainingClass> classes_of(const ProjectScope& scope) {
  return TrainingStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
}

json plan_in_order(const ProjectScope& scope, const Request& req) {
  json items = json::array();
  for (auto& c : plan_of(scope)) items.push_back(to_json(for_request(std::move(c), req)));
  return items;
}

json classes_in_order(const ProjectScope& scope, const Request&) {
  return http::json_items(classes_of(scope));
}

Response progress(const ProjectScope& scope, const Request& req) {
  std::map<std::string, std::string> names;
  for (const auto& u : org::UnitStore(scope.sql(), scope.tenant_id()).all()) names[u.id] = u.name;
  return Response::json(200, progress_json(classes_of(scope), req.locale, names));
}

void register_schemas() {
  const json entry = {{"type", "object"},
                      {"properties",
                       {{"key", {{"type", "string"}}},
                        {"label", {{"type", "string"}}},
                        {"planned", {{"type", "integer"}}},
                        {"trained", {{"type", "integer"}}},
                        {"percent",
                         {{"type", {"integer", "null"}},
                          {"description",
                           "trained of planned, rounded; null when nothing is "
                           "planned"}}},
                        {"has_plan", {{"type", "boolean"}}},
                        {"bar", {{"type", "integer"}, {"description", "percent, at most 100"}}}}}};
  http::register_schema(
      "TrainingProgress",
      {{"type", "object"},
       {"properties",
        {{"total", entry},
         {"by_audience", {{"type", "array"}, {"items", entry}}},
         {"by_unit",
          {{"type", "array"},
           {"items", entry},
           {"description", "key: a unit id, \"\" for classes and people of no unit"}}}}}});
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  kit::add_api_routes(router, db,
                      kit::Resource<Communication, CommunicationStore>{
                          .plural = "communication",
                          .schema = "Communication",
                          .noun = "communication",
                          .fields = communication_fields(),
                          .for_request = for_request,
                          .list_in_order = plan_in_order,
                          .list_summary = "The project's communication plan, by date"});
  kit::add_api_routes(router, db,
                      kit::Resource<TrainingClass, TrainingStore>{
                          .plural = "training",
                          .schema = "TrainingClass",
                          .tag = "training",
                          .noun = "training class",
                          .fields = training_fields(),
                          .list_in_order = classes_in_order,
                          .list_summary = "The project's training plan: its classes by first day"});
  register_schemas();
  kit::add_table_exports(router, db,
                         {.name = "communication",
                          .file = "communication-plan",
                          .summary = "The communication plan",
                          .sheet = "comm_sheet",
                          .date_columns = {kPlanDateColumn},
                          .table = [](const ProjectScope& scope, const Request& req) {
                            return plan_table(plan_of(scope), req.locale);
                          }});
  kit::add_table_exports(router, db,
                         {.name = "training",
                          .file = "training-plan",
                          .summary = "The training plan",
                          .sheet = "training_sheet",
                          .date_columns = {kClassDateColumn},
                          .table = [](const ProjectScope& scope, const Request& req) {
                            return training_table(classes_of(scope), req.locale);
                          }});
  kit::add_routes(router, db,
                  {{"GET",
                    "/api/v1/projects/{id}/training-progress",
                    http::Access::kAuthenticated,
                    projects::scoped(kit::ProjectRight::kRead, progress),
                    {"The training plan's planned places against people trained, in all, per "
                     "audience and per unit",
                     "training", "", "TrainingProgress"}}});
}

}  // namespace communication
