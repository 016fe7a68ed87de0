// Action plan pages: the plan (action_plan_page.cpp) and its form posts
// (action_forms.cpp), "my actions" and the section on the project page.
#include <nlohmann/json.hpp>

#include "actions/action_plan_page.hpp"
#include "actions/action_routes.hpp"
#include "actions/action_store.hpp"
#include "kit/pages.hpp"
#include "kit/scope.hpp"
#include "web/render.hpp"

namespace actions {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// The caller's open and done rows across projects, by deadline; dropped ones are left out.
Response my_actions_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  json items = json::array();
  if (!req.who().person_id.empty()) {
    auto sql = db.lease();
    auto rows = ActionStore(*sql, req.who().tenant_id).of_person(req.who().person_id);
    for (const auto& a : select(rows, ActionQuery{.sort = "deadline"}, req.who().today())) {
      if (a.status == "dropped") continue;
      items.push_back(row_view(req, a, json::object(), json::object(), false, {}, {}));
    }
  }
  view["rows"] = items;
  view["has_rows"] = !items.empty();
  view["no_person"] = req.who().person_id.empty();
  return web::page(req, "actions/mine", view, {"action.mine_title", "my_actions", 200});
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto counts =
        ActionStore(scope.sql(), scope.tenant_id()).counts(scope.project().id, req.who().today());
    view["has_rows"] = counts.total > 0;
    view["open"] = std::to_string(counts.open);
    view["done"] = std::to_string(counts.done);
    view["overdue"] = counts.overdue > 0 ? json(std::to_string(counts.overdue)) : json();
    return web::render_template("actions/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/actions",
        [](db::Database& db, const Request& req) { return plan_page(db, req, Typed{}); },
        "The project's action plan"},
       {"GET", "/my-actions", my_actions_page, "The caller's actions across projects"}});
  add_form_routes(router, db);
}

}  // namespace actions
