// Work packages' pages: the list with the timeline and the add form, one package's page
// with its form, and the overview's card.
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"
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
constexpr auto kEdit = kit::ProjectRight::kEdit;

std::string list_url(const std::string& project_id) {
  return "/projects/" + project_id + "/work-packages";
}

std::vector<WorkPackage> read_all(const ProjectScope& scope, const Request& req) {
  auto all = WorkPackageStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
  for (auto& wp : all) wp.today = req.who().today();
  return all;
}

struct Shown {
  json form;  // null: a blank form
  json errors = json::object();
  int status = 200;
};

Response list_page(db::Database& db, const Request& req, Shown shown) {
  auto sql = db.lease();
  ProjectScope scope(*sql, req, req.param("id"));
  auto view = kit::project_view(req, scope, "work_packages");
  auto all = read_all(scope, req);
  json rows = json::array();
  for (const auto& wp : all) rows.push_back(row_view(wp, req.locale, all));
  view["packages"] = rows;
  view["has_packages"] = !all.empty();
  view["timeline"] = timeline_view(all, milestones_of(scope, req.locale), req.who().today(),
                                   req.locale, scope.project().id);
  view["saved"] = req.query_param("saved").has_value();
  view["may_edit"] = scope.may(kEdit);
  if (scope.may(kEdit))
    add_form(view, *sql, req, shown.form.is_null() ? blank_form(req.who().today()) : shown.form,
             shown.errors, list_url(scope.project().id), all, nullptr);
  else if (shown.errors.contains("_form"))
    view["refused"] = shown.errors["_form"];
  return web::page(req, "work_packages/list", view, {"wp_title", "projects", shown.status});
}

Response save_new(db::Database& db, const Request& req) {
  auto posted = req.form();
  return kit::project_form_post(
      db, req, kEdit,
      [&](const ProjectScope& scope) {
        auto input = core::Input::from_form(form_input(posted));
        auto wp = work_package_fields().parse_new(input);
        auto made = WorkPackageStore(scope.sql(), scope.tenant_id())
                        .create(&req.who(), scope.project().id, wp);
        return Response::redirect(list_url(scope.project().id) + "/" + made.id + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return list_page(db, req, {typed_form(posted), refused.errors, refused.status});
      });
}

std::pair<WorkPackage, ProjectScope> load_item(soci::session& sql, const Request& req) {
  auto loaded = kit::load_in_project<WorkPackage, WorkPackageStore>(
      sql, req, "wp", "no work package with id " + req.param("wp"));
  loaded.first.today = req.who().today();
  return loaded;
}

}  // namespace

// One package's page; after a refused save, what was typed and (on 409) what is stored.
Response package_page(soci::session& sql, const Request& req, const json& form, const json& errors,
                      int status, json extra) {
  auto [wp, scope] = load_item(sql, req);
  auto view = kit::project_view(req, scope, "work_packages");
  auto all = read_all(scope, req);
  json budget_typed = extra.contains("budget_typed") ? extra["budget_typed"] : json();
  json budget_errors = extra.value("budget_errors", json::object());
  extra.erase("budget_typed");
  extra.erase("budget_errors");
  view.update(extra);
  view["budget_html"] = budget_html(scope, req, wp, budget_typed, budget_errors);
  view["package"] = row_view(wp, req.locale, all);
  view["saved"] = req.query_param("saved").has_value();
  view["may_edit"] = scope.may(kEdit);
  const std::string url = list_url(scope.project().id) + "/" + wp.id;
  view["package_url"] = url;
  if (scope.may(kEdit))
    add_form(view, sql, req, form.is_null() ? form_of(wp) : form, errors, url, all, &wp);
  else if (errors.contains("_form"))
    view["refused"] = errors["_form"];
  return web::page(req, "work_packages/package", view, {"wp_title", "projects", status});
}

namespace {

Response save_item(db::Database& db, const Request& req) {
  auto posted = req.form();
  return kit::form_update<WorkPackageStore>(
      db, req, work_package_fields(), json(form_input(posted)), load_item,
      [](const WorkPackage& wp) { return list_url(wp.project_id) + "/" + wp.id + "?saved=1"; },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        json typed = typed_form(posted);
        kit::keep_version(typed, refused);
        json extra = json::object();
        if (refused.status == 409) extra["conflict"] = refused.current;
        return package_page(sql, req, typed, refused.errors, refused.status, extra);
      });
}

Response delete_item(db::Database& db, const Request& req) {
  auto wp = kit::remove_in_project<WorkPackage, WorkPackageStore>(
      db, req, "wp", "no work package with id " + req.param("wp"));
  return Response::redirect(list_url(wp.project_id) + "?saved=1");
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto all = read_all(scope, req);
    long long late = 0, done = 0;
    for (const auto& wp : all) {
      late += is_late(wp, wp.today) ? 1 : 0;
      done += wp.status == "done" ? 1 : 0;
    }
    view["has_packages"] = !all.empty();
    view["count"] = all.size();
    view["late"] = late;
    view["on_time"] = static_cast<long long>(all.size()) - late - done;
    view["done"] = done;
    if (auto used = used_share_of(scope))
      view["budget"] = {{"used_percent", hundredths_text(req.locale, *used)}};
    return web::render_template("work_packages/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/work-packages",
        [](db::Database& db, const Request& req) { return list_page(db, req, {}); },
        "The project's work packages and their timeline"},
       {"POST", "/projects/{id}/work-packages", save_new, "Add a work package from the form"},
       {"GET", "/projects/{id}/work-packages/{wp}",
        [](db::Database& db, const Request& req) {
          auto sql = db.lease();
          return package_page(*sql, req, nullptr, json::object(), 200, json::object());
        },
        "One work package"},
       {"POST", "/projects/{id}/work-packages/{wp}", save_item, "Change a work package"},
       {"POST", "/projects/{id}/work-packages/{wp}/delete", delete_item, "Remove a work package"}});
  add_budget_pages(router, db);
}

}  // namespace work_packages
