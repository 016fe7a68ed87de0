// GET /api/v1/me/overview: the start page's lists for programs.
#include "http/openapi.hpp"
#include "kit/routes.hpp"
#include "overview/overview_routes.hpp"
#include "overview/overview_store.hpp"

namespace overview {
namespace {

http::Response show_overview(db::Database& db, const http::Request& req) {
  auto sql = db.lease();
  return http::Response::json(200, to_json(load(*sql, req.who(), req.locale)));
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  http::register_schema("Overview", schema());
  kit::add_routes(router, db,
                  {{"GET",
                    "/api/v1/me/overview",
                    http::Access::kAuthenticated,
                    show_overview,
                    {"The caller's start page: their projects, tasks (overdue first), meetings "
                     "ahead and KPIs missing a value",
                     "overview", "", "Overview"}}});
}

}  // namespace overview
