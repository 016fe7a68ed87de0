// Work packages as JSON API: a project-scoped resource declared on the kit.
#include "kit/resource.hpp"
#include "work_packages/budget_api.hpp"
#include "work_packages/work_package_routes.hpp"
#include "work_packages/work_package_store.hpp"

namespace work_packages {
namespace {

// The package with the date `late` is judged against: the caller's today.
WorkPackage for_request(WorkPackage wp, const http::Request& req) {
  wp.today = req.who().today();
  return wp;
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  kit::add_api_routes(router, db,
                      kit::Resource<WorkPackage, WorkPackageStore>{.plural = "work-packages",
                                                                   .schema = "WorkPackage",
                                                                   .tag = "work packages",
                                                                   .noun = "work package",
                                                                   .fields = work_package_fields(),
                                                                   .for_request = for_request,
                                                                   .actions = budget_actions()});
  add_budget_routes(router, db);
}

}  // namespace work_packages
