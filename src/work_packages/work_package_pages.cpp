// Work packages' pages: the list with the timeline and the add form, one package's page
// with its form, and the overview's card.
#include "kit/scope.hpp"
#include "kit/tool_pages.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"
#include "work_packages/budget_api.hpp"
#include "work_packages/budget_pages.hpp"
#include "work_packages/budget_view.hpp"
#include "work_packages/work_package_routes.hpp"
#include "work_packages/work_package_store.hpp"
#include "work_packages/work_package_view.hpp"

namespace work_packages {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;

std::string list_url(const std::string& project_id) {
  return kit::tool_url(project_id, "work-packages");
}

std::string package_url(const WorkPackage& wp) { return list_url(wp.project_id) + "/" + wp.id; }

std::vector<WorkPackage> read_all(const ProjectScope& scope, const Request& req) {
  return kit::with_today(
      WorkPackageStore(scope.sql(), scope.tenant_id()).of_project(scope.checked()), req);
}

Response list_view(soci::session& sql, const Request& req, const ProjectScope& scope,
                   const kit::Shown& shown) {
  auto view = kit::project_view(req, scope, "work_packages");
  auto all = read_all(scope, req);
  json rows = json::array();
  for (const auto& wp : all) rows.push_back(row_view(wp, req.locale, all));
  view["packages"] = rows;
  view["has_packages"] = !all.empty();
  view["timeline"] = timeline_view(all, milestones_of(scope, req.locale), req.who().today(),
                                   req.locale, scope.project().id);
  if (kit::add_form_state(view, req, scope, shown))
    add_form(view, sql, req, shown.form.is_null() ? blank_form(req.who().today()) : shown.form,
             shown.errors, list_url(scope.project().id), all, nullptr);
  return web::page(req, "work_packages/list", view, {"wp_title", "projects", shown.status});
}

// One package's page; after a refused save, what was typed and (on 409) what is stored, or
// the budget editor's typed rows and errors.
Response package_view(soci::session& sql, const Request& req, WorkPackage& wp,
                      const ProjectScope& scope, const kit::Shown& shown,
                      const json& budget_typed = nullptr,
                      const json& budget_errors = json::object()) {
  auto view = kit::project_view(req, scope, "work_packages");
  auto all = read_all(scope, req);
  view["budget_html"] = budget_html(scope, req, wp, budget_typed, budget_errors);
  view["package"] = row_view(wp, req.locale, all);
  const std::string url = list_url(scope.project().id) + "/" + wp.id;
  view["package_url"] = url;
  if (kit::add_form_state(view, req, scope, shown))
    add_form(view, sql, req, shown.form.is_null() ? form_of(wp) : shown.form, shown.errors, url,
             all, &wp);
  return web::page(req, "work_packages/package", view, {"wp_title", "projects", shown.status});
}

const kit::ToolPages<WorkPackage, WorkPackageStore>& pages() {
  static const kit::ToolPages<WorkPackage, WorkPackageStore> kPages{
      .path = "work-packages",
      .param = "wp",
      .noun = "work package",
      .fields = work_package_fields,
      .typed = typed_form,
      .list_view = list_view,
      .object_view =
          [](soci::session& sql, const Request& req, WorkPackage& wp, const ProjectScope& scope,
             const kit::Shown& shown) { return package_view(sql, req, wp, scope, shown); },
      .body = [](const Form& posted) { return json(form_input(posted)); },
      .after_create = package_url,
      .after_change = package_url};
  return kPages;
}

}  // namespace

Response package_page(soci::session& sql, const Request& req, const json& budget_typed,
                      const json& budget_errors, int status) {
  auto [wp, scope] = pages().load(sql, req);
  return package_view(sql, req, wp, scope, {.status = status}, budget_typed, budget_errors);
}

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto c =
        WorkPackageStore(scope.sql(), scope.tenant_id()).counts(scope.checked(), req.who().today());
    view["has_packages"] = c.total > 0;
    view["count"] = c.total;
    view["late"] = c.late;
    view["on_time"] = c.total - c.late - c.done;
    view["done"] = c.done;
    if (auto used = used_share_of(scope))
      view["budget"] = {{"used_percent", hundredths_text(req.locale, *used)}};
    return web::render_template("work_packages/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       pages().routes("The project's work packages and their timeline"));
  add_budget_pages(router, db);
}

}  // namespace work_packages
