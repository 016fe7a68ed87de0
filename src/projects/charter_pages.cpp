// The charter: its form (with the units it covers) and the printable charter.
#include <map>
#include <set>

#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "org/unit_store.hpp"
#include "projects/project_input.hpp"
#include "projects/project_store.hpp"
#include "projects/project_views.hpp"
#include "projects/role_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace projects {
namespace {

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

json charter_form(const Project& p) {
  return {{"title", p.title},
          {"purpose", p.purpose.value_or("")},
          {"background", p.background.value_or("")},
          {"citizen_journey", p.citizen_journey.value_or("")},
          {"target_group", p.target_group.value_or("")},
          {"success_criteria", lines(p.success_criteria)},
          {"result_goals", lines(p.result_goals)},
          {"start_date", p.start_date.value_or("")},
          {"end_date", p.end_date.value_or("")},
          {"status", p.status},
          {"status_reason", p.status_reason.value_or("")},
          {"unit_ids", p.unit_ids},
          {"version", std::to_string(p.version)}};
}

json unit_choices(const std::vector<org::Unit>& units, const json& form) {
  std::set<std::string> chosen;
  for (const auto& id : form.value("unit_ids", json::array())) chosen.insert(id.get<std::string>());
  json out = json::array();
  for (const auto& row : org::tree_order(units)) {
    out.push_back({{"id", row.unit->id},
                   {"label", row.unit->name},
                   {"depth_class", "depth-" + std::to_string(std::min(row.depth, 4))},
                   {"checked", chosen.count(row.unit->id) != 0}});
  }
  return out;
}

Response charter_page(db::Database& db, const Request& req, const json& typed, const json& errors,
                      const json& conflict, int status) {
  auto view = web::base_view(req);
  Project p;
  std::vector<org::Unit> units;
  {
    auto sql = db.lease();
    ProjectScope scope(*sql, req, req.param("id"));
    scope.require(ProjectRight::kEdit);
    p = scope.project();
    units = org::UnitStore(*sql, scope.tenant_id()).all();
  }
  json form = typed.is_null() ? charter_form(p) : typed;
  json statuses = json::array();
  for (const auto& s : kStatuses) {
    statuses.push_back({{"value", s},
                        {"label", web::t(req.locale, "project.status." + s)},
                        {"selected", s == form.value("status", "green")}});
  }
  view["project"] = to_json(p);
  view["form"] = form;
  view["errors"] = errors;
  if (!conflict.is_null()) view["conflict"] = conflict;
  view["unit_choices"] = unit_choices(units, form);
  view["status_options"] = statuses;
  return web::page(req, "projects/charter", view, {"charter.title", "projects", status});
}

Response save_charter(db::Database& db, const Request& req) {
  json typed = http::form_json(req.body, {"unit_ids"});
  return kit::form_post(
      req,
      [&] {
        core::Input input(typed, true);
        auto charter = parse_charter(input, false);
        auto version = input.optional_int("version", 1, 1LL << 40);
        if (!version) input.fail("version", "is required");
        input.check();
        auto sql = db.lease();
        ProjectScope scope(*sql, req, req.param("id"));
        scope.require(ProjectRight::kEdit);
        ProjectStore(*sql, scope.tenant_id())
            .update_charter(&req.who(), req.param("id"), *version, charter);
        return Response::redirect("/projects/" + req.param("id") + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        json conflict = nullptr;
        if (refused.status == 409) {
          const auto& current = refused.current;
          typed["version"] = std::to_string(current.value("version", 0LL));
          conflict = {{"title", current.value("title", "")},
                      {"purpose", current["purpose"].is_string() ? current["purpose"] : json("")}};
        }
        return charter_page(db, req, typed, refused.errors, conflict, refused.status);
      });
}

Response print_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  Project p;
  MethodTemplate method;
  json roles;
  std::map<std::string, std::string> unit_names;
  {
    auto sql = db.lease();
    ProjectStore store(*sql, req.who().tenant_id);
    p = store.get(req.param("id"));
    method = store.method(p);
    roles = RoleStore(*sql, req.who().tenant_id).list(p.id);
    for (const auto& u : org::UnitStore(*sql, req.who().tenant_id).all()) unit_names[u.id] = u.name;
  }
  for (auto& r : roles)
    r["role_label"] = web::t(req.locale, "role." + r["role"].get<std::string>());
  const TemplatePhase* phase = method.phase(p.phase_key);
  json units = json::array();
  for (const auto& id : p.unit_ids) units.push_back(unit_names.count(id) ? unit_names[id] : id);
  view["project"] = to_json(p);
  view["method"] = localized(method.name, req.locale);
  view["phase_name"] = phase ? localized(phase->name, req.locale) : p.phase_key;
  view["status_label"] = web::t(req.locale, "project.status." + p.status);
  view["units"] = units;
  view["roles"] = roles;
  view["tenant"] = req.who().tenant_name;
  return web::page(req, "projects/print", view, {"charter.title", "projects", 200});
}

}  // namespace

void add_charter_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/print", print_page, "The charter as one printable document"},
       {"GET", "/projects/{id}/charter",
        [](db::Database& db, const Request& req) {
          return charter_page(db, req, nullptr, json::object(), nullptr, 200);
        },
        "Edit the charter"},
       {"POST", "/projects/{id}/charter", save_charter, "Save the charter from the form"}});
}

}  // namespace projects
