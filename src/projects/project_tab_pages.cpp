// The project's tabs beside the overview: charter and roles, meetings and decisions, and
// the page of one checklist item.
#include <algorithm>
#include <functional>
#include <map>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/scope.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_input.hpp"
#include "projects/project_store.hpp"
#include "projects/project_views.hpp"
#include "projects/role_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace projects {
namespace {

using Names = std::map<std::string, std::string>;

Names unit_names(const ProjectScope& scope) {
  Names units;
  for (const auto& u : org::UnitStore(scope.sql(), scope.tenant_id()).all()) units[u.id] = u.name;
  return units;
}

// The people the caller may hand a role or an item to, sorted by name.
json person_options(const ProjectScope& scope, const Request& req) {
  json people = json::array();
  for (const auto& person : org::PersonStore(scope.sql(), scope.tenant_id()).page("", 200))
    if (may_grant_to(req.who(), person.id))
      people.push_back({{"id", person.id}, {"label", person.name}});
  std::sort(people.begin(), people.end(),
            [](const json& a, const json& b) { return a["label"] < b["label"]; });
  return people;
}

// The roles held in the project, the coverage warnings about them and what the caller may
// hand out.
void roles_view(json& view, const ProjectScope& scope, const Request& req, const Names& units) {
  const auto& mine = scope.roles();
  RoleStore roles(scope.sql(), scope.tenant_id());
  json role_rows = roles.list(scope.project().id);
  Names names;
  for (auto& r : role_rows) {
    auto role = r["role"].get<std::string>();
    r["role_label"] = web::t(req.locale, "role." + role);
    r["may_remove"] = may_grant(req.who(), mine, role);
    names[r["person_id"]] = r["person_name"];
  }
  view["roles"] = role_rows;
  view["has_roles"] = !role_rows.empty();
  json warnings = json::array();
  for (const auto& w : roles.coverage(scope.project())) {
    std::string subject = units.count(w.subject_id)   ? units.at(w.subject_id)
                          : names.count(w.subject_id) ? names.at(w.subject_id)
                                                      : w.subject_id;
    warnings.push_back(
        {{"message", web::translate_message(req.locale, w.message)}, {"subject", subject}});
  }
  view["coverage"] = warnings;
  bool manage =
      may_grant(req.who(), mine, "project_group") || may_grant(req.who(), mine, "steering_member");
  view["rights"] = {{"edit", scope.may(ProjectRight::kEdit)}, {"manage_roles", manage}};
  if (!manage) return;
  view["person_options"] = person_options(scope, req);
  json role_options = json::array();
  for (const auto& r : kRoles)
    if (may_grant(req.who(), mine, r))
      role_options.push_back({{"value", r}, {"label", web::t(req.locale, "role." + r)}});
  view["role_options"] = role_options;
}

Response roles_page(db::Database& db, const Request& req) {
  json view;
  {
    auto sql = db.lease();
    ProjectScope scope(*sql, req, req.param("id"));
    view = kit::project_view(req, scope, "charter");
    const Project& p = scope.project();
    const Names units = unit_names(scope);
    view["project"] = to_json(p);
    view["project"]["status_view"] = status_view(req, p.status);
    json unit_list = json::array();
    for (const auto& id : p.unit_ids) unit_list.push_back(units.count(id) ? units.at(id) : id);
    view["units"] = unit_list;
    roles_view(view, scope, req, units);
  }
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "projects/roles", view, {"roles_page_title", "projects", 200});
}

// The decision log, filtered by ?decisions=phase_gate|decision.
void decisions_view(json& view, const ProjectScope& scope, const Request& req) {
  auto kind = req.query_param("decisions").value_or("");
  if (kind != "phase_gate" && kind != "decision") kind.clear();
  view["decision_filter"] = {{"all", kind.empty()},
                             {"phase_gate", kind == "phase_gate"},
                             {"decision", kind == "decision"}};
  ProjectStore store(scope.sql(), scope.tenant_id());
  const MethodTemplate t = store.method(scope.project());
  json decisions = store.decisions(scope.project().id, kind, req.locale);
  for (auto& d : decisions) {
    d["has_links"] = d.contains("links") && !d["links"].empty();
    for (const char* k : {"from_phase", "to_phase"}) {
      if (d[k].is_string() && t.phase(d[k].get<std::string>()))
        d[std::string(k) + "_name"] = localized(t.phase(d[k].get<std::string>())->name, req.locale);
    }
  }
  view["decisions"] = decisions;
  view["has_decisions"] = !decisions.empty();
}

Response decisions_page(db::Database& db, const std::vector<PageSection>& sections,
                        const Request& req, const json& typed, const json& errors, int status) {
  json view;
  {
    auto sql = db.lease();
    ProjectScope scope(*sql, req, req.param("id"));
    view = kit::project_view(req, scope, "decisions");
    view["rights"] = {{"decide", scope.may(ProjectRight::kDecide)}};
    view["sections"] = json::array();
    for (const auto& section : sections) view["sections"].push_back(section(scope, req));
    decisions_view(view, scope, req);
  }
  view["form"] = typed;
  view["errors"] = errors;
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "projects/decisions", view, {"decisions_page_title", "projects", status});
}

Response save_decision(db::Database& db, const std::vector<PageSection>& sections,
                       const Request& req) {
  auto form = req.form();
  json typed = {{"decision_text", form["decision"]}, {"links", form["links"]}};
  {
    auto sql = db.lease();
    ProjectScope(*sql, req, req.param("id")).require(ProjectRight::kDecide);
  }
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        auto decision = parse_gate_decision(input, req.who(), false);
        input.check();
        auto sql = db.lease();
        ProjectStore(*sql, req.who().tenant_id)
            .record_decision(&req.who(), req.param("id"), decision);
        return Response::redirect("/projects/" + req.param("id") +
                                  "/decisions?saved=1#decisions-heading");
      },
      [&](const kit::FormRefusal& refused) {
        json errors = json::object();
        for (const auto& [k, v] : refused.errors.items()) errors["decision_" + k] = v;
        return decisions_page(db, sections, req, typed, errors, refused.status);
      });
}

// The item's view: its stored values, or after a refused post what was typed (`typed`).
json item_form_view(const ProjectScope& scope, const Request& req, const ChecklistItem& i,
                    const json& typed) {
  auto shown = [&](const char* field, const std::string& stored) {
    return typed.contains(field) ? typed[field].get<std::string>() : stored;
  };
  const std::string chosen_status = shown("status", i.status);
  const std::string chosen_person = shown("responsible_id", i.responsible_id.value_or(""));
  json status_options = json::array();
  for (const auto& s : kItemStatuses)
    status_options.push_back({{"value", s},
                              {"label", web::t(req.locale, "item.status." + s)},
                              {"selected", s == chosen_status}});
  json people = person_options(scope, req);
  for (auto& person : people) person["selected"] = person["id"] == chosen_person;
  const bool editable = scope.may(ProjectRight::kEdit) ||
                        (i.responsible_id && *i.responsible_id == req.who().person_id);
  return {{"id", i.id},
          {"text", localized(i.text, req.locale)},
          {"status_label", web::t(req.locale, "item.status." + i.status)},
          {"status_options", status_options},
          {"responsible_options", people},
          {"due_date", shown("due_date", i.due_date.value_or(""))},
          {"evidence", shown("evidence", i.evidence.value_or(""))},
          {"version", std::to_string(i.version)},
          {"editable", editable}};
}

// One checklist item with who answers for it, its deadline and its evidence; after a
// refused post it shows what was typed with the errors.
Response item_page(db::Database& db, const Request& req, const json& typed, const json& errors,
                   int status) {
  json view;
  {
    auto sql = db.lease();
    ProjectScope scope(*sql, req, req.param("id"));
    view = kit::project_view(req, scope, "overview");
    const auto items = ProjectStore(*sql, scope.tenant_id()).checklist(scope.project().id);
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const ChecklistItem& i) { return i.id == req.param("item"); });
    if (it == items.end()) throw core::NotFound("no such checklist item in this project");
    view["item"] = item_form_view(scope, req, *it, typed);
    view["errors"] = errors;
  }
  return web::page(req, "projects/item", view, {"item_page_title", "projects", status});
}

// The item's form, and the quick status form on the overview: a refused post shows the
// item's own page with the error, what was typed and the stored version.
Response save_item(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = json::object();
  for (const char* field : {"status", "responsible_id", "due_date", "evidence"})
    if (form.contains(field)) typed[field] = form.at(field);
  return kit::form_post(
      req,
      [&] {
        core::Input input = core::Input::from_form(form);
        auto fields = parse_item_fields(input);
        auto version = input.optional_int("version", 1, 1LL << 40);
        if (!version) input.fail("version", "is required");
        input.check();
        auto sql = db.lease();
        ProjectStore store(*sql, req.who().tenant_id);
        store.get(req.param("id"));
        store.update_item(&req.who(), req.param("item"), *version, fields);
        return Response::redirect("/projects/" + req.param("id") + "?saved=1#checklist");
      },
      [&](const kit::FormRefusal& refused) {
        return item_page(db, req, typed, refused.errors, refused.status);
      });
}

}  // namespace

void add_tab_pages(http::Router& router, db::Database& db,
                   const std::vector<PageSection>& decision_sections) {
  using std::placeholders::_1, std::placeholders::_2;
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/roles", roles_page, "The charter and roles tab"},
       {"GET", "/projects/{id}/decisions",
        [decision_sections](db::Database& db, const Request& req) {
          return decisions_page(db, decision_sections, req, json::object(), json::object(), 200);
        },
        "The meetings and decisions tab"},
       {"POST", "/projects/{id}/decisions", std::bind(save_decision, _1, decision_sections, _2),
        "Record a decision from the form"},
       {"GET", "/projects/{id}/items/{item}",
        [](db::Database& db, const Request& req) {
          return item_page(db, req, json::object(), json::object(), 200);
        },
        "One checklist item"},
       {"POST", "/projects/{id}/items/{item}", save_item,
        "Update a checklist item from the form"}});
}

}  // namespace projects
