// The list of projects with the form that starts one; the front page and the charter
// pages are in project_page.cpp and charter_pages.cpp.
#include "core/input.hpp"
#include "http/paging.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "projects/project_input.hpp"
#include "projects/project_store.hpp"
#include "projects/project_views.hpp"
#include "projects/template_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace projects {
namespace {

json template_options(const Request& req, const std::vector<TenantTemplate>& available,
                      const std::string& selected) {
  json out = json::array();
  for (const auto& t : available) {
    out.push_back({{"value", t.method.key},
                   {"label", localized(t.method.name, req.locale)},
                   {"selected", t.method.key == selected}});
  }
  return out;
}

json project_rows(const Request& req, ProjectStore& store, const std::vector<Project>& projects) {
  json rows = json::array();
  for (const auto& p : projects) {
    MethodTemplate method = store.method(p);
    const TemplatePhase* ph = method.phase(p.phase_key);
    rows.push_back({{"id", p.id},
                    {"title", p.title},
                    {"method", localized(method.name, req.locale)},
                    {"phase", ph ? localized(ph->name, req.locale) : p.phase_key},
                    {"status", status_view(req, p.status)}});
  }
  return rows;
}

Response list_page(db::Database& db, const Request& req, const json& form, const json& errors,
                   int status) {
  auto page = http::Page::from(req);
  auto view = web::base_view(req);
  auto sql = db.lease();
  ProjectStore store(*sql, req.who().tenant_id);
  auto projects = store.page(page.after, page.limit);
  if (projects.size() > static_cast<std::size_t>(page.limit)) {
    projects.resize(static_cast<std::size_t>(page.limit));
    view["next_url"] = "/projects?cursor=" + projects.back().id;
  }
  view["projects"] = project_rows(req, store, projects);
  view["has_projects"] = !projects.empty();
  view["form"] = form;
  view["errors"] = errors;
  view["template_options"] = template_options(req, TemplateStore(*sql, req.who().tenant_id).all(),
                                              form.value("template", "kl-workflow"));
  return web::page(req, "projects/list", view, {"projects.title", "projects", status});
}

Response create_project(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = {{"title", form["title"]}, {"template", form["template"]}};
  return kit::form_post(
      req,
      [&] {
        auto sql = db.lease();
        auto available = TemplateStore(*sql, req.who().tenant_id).all();
        core::Input input(typed, true);
        const MethodTemplate* t = parse_template_choice(input, available);
        auto charter = parse_charter(input, true);
        input.check();
        auto p = ProjectStore(*sql, req.who().tenant_id).create(&req.who(), *t, charter);
        return Response::redirect("/projects/" + p.id + "/charter");
      },
      [&](const kit::FormRefusal& refused) {
        return list_page(db, req, typed, refused.errors, refused.status);
      });
}

}  // namespace

void add_pages(http::Router& router, db::Database& db, TabParts parts) {
  kit::add_page_routes(router, db,
                       {{"GET", "/projects",
                         [](db::Database& db, const Request& req) {
                           return list_page(db, req, json::object(), json::object(), 200);
                         },
                         "Projects"},
                        {"POST", "/projects", create_project, "Create a project from the form"}});
  add_front_page(router, db, parts);
  add_tab_pages(router, db, parts.decisions);
  add_charter_pages(router, db);
}

}  // namespace projects
