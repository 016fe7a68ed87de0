// The project's front page: phases, the current phase's checklist, roles and coverage,
// the progress matrix, the decision log and the sections other features add.
#include <algorithm>
#include <functional>
#include <map>

#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
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

// Done/total per phase and dimension: the progress matrix of the project page.
json progress_matrix(const Request& req, const MethodTemplate& t,
                     const std::vector<ChecklistItem>& items) {
  std::map<std::pair<std::string, std::string>, std::pair<int, int>> counts;
  for (const auto& i : items) {
    auto& c = counts[{i.phase_key, i.dimension.value_or("")}];
    if (i.status != "not_relevant") {
      ++c.second;
      if (i.status == "done") ++c.first;
    }
  }
  std::vector<std::pair<std::string, std::string>> dims;
  if (t.dimensions.empty()) {
    dims.emplace_back("", web::t(req.locale, "project.checklist"));
  } else {
    for (const auto& [k, n] : t.dimensions) dims.emplace_back(k, localized(n, req.locale));
  }
  json rows = json::array();
  for (const auto& [key, name] : dims) {
    json cells = json::array();
    for (const auto& p : t.phases) {
      auto c = counts[{p.key, key}];
      cells.push_back(
          {{"text", c.second == 0 ? "—" : std::to_string(c.first) + "/" + std::to_string(c.second)},
           {"complete", c.second > 0 && c.first == c.second}});
    }
    rows.push_back({{"name", name}, {"cells", cells}});
  }
  json headers = json::array();
  for (const auto& p : t.phases) headers.push_back(localized(p.name, req.locale));
  return {{"headers", headers}, {"rows", rows}};
}

// The roles held in the project and the coverage warnings about them.
void roles_view(json& view, const ProjectScope& scope, const Request& req, const Names& units) {
  RoleStore roles(scope.sql(), scope.tenant_id());
  json role_rows = roles.list(scope.project().id);
  Names names;
  for (auto& r : role_rows) {
    auto role = r["role"].get<std::string>();
    r["role_label"] = web::t(req.locale, "role." + role);
    r["may_remove"] = may_grant(req.who(), scope.roles(), role);
    names[r["person_id"]] = r["person_name"];
  }
  view["roles"] = role_rows;
  view["has_roles"] = !role_rows.empty();
  json warnings = json::array();
  for (const auto& w : roles.coverage(scope.project().id)) {
    std::string subject = units.count(w.subject_id)   ? units.at(w.subject_id)
                          : names.count(w.subject_id) ? names.at(w.subject_id)
                                                      : w.subject_id;
    warnings.push_back(
        {{"message", web::translate_message(req.locale, w.message)}, {"subject", subject}});
  }
  view["coverage"] = warnings;
}

// Who the caller may hand a role or an item to, and which roles they may hand out.
void grant_options(json& view, const ProjectScope& scope, const Request& req) {
  const auto& mine = scope.roles();
  view["rights"] = {{"edit", scope.may(ProjectRight::kEdit)},
                    {"decide", scope.may(ProjectRight::kDecide)},
                    {"manage_roles", may_grant(req.who(), mine, "project_group") ||
                                         may_grant(req.who(), mine, "steering_member")}};
  json people = json::array();
  for (const auto& person : org::PersonStore(scope.sql(), scope.tenant_id()).page("", 200))
    if (may_grant_to(req.who(), person.id))
      people.push_back({{"id", person.id}, {"label", person.name}});
  std::sort(people.begin(), people.end(),
            [](const json& a, const json& b) { return a["label"] < b["label"]; });
  view["person_options"] = people;
  json role_options = json::array();
  for (const auto& r : kRoles)
    if (may_grant(req.who(), mine, r))
      role_options.push_back({{"value", r}, {"label", web::t(req.locale, "role." + r)}});
  view["role_options"] = role_options;
}

json item_view(const Request& req, const ChecklistItem& i, const json& view,
               const Names& dim_names) {
  json options = json::array();
  for (const auto& s : kItemStatuses) {
    options.push_back({{"value", s},
                       {"label", web::t(req.locale, "item.status." + s)},
                       {"selected", s == i.status}});
  }
  bool editable = view["rights"]["edit"].get<bool>() ||
                  (i.responsible_id && *i.responsible_id == req.who().person_id);
  json responsible = json::array();
  std::string facts;
  for (const auto& person : view["person_options"]) {
    bool chosen = i.responsible_id && *i.responsible_id == person["id"].get<std::string>();
    responsible.push_back({{"id", person["id"]}, {"label", person["label"]}, {"selected", chosen}});
    if (chosen)
      facts = web::t(req.locale, "item_responsible") + ": " + person["label"].get<std::string>();
  }
  if (i.due_date)
    facts += (facts.empty() ? "" : " · ") + web::t(req.locale, "item_due") + ": " + *i.due_date;
  return {{"id", i.id},
          {"responsible_options", responsible},
          {"due_date", i.due_date.value_or("")},
          {"evidence", i.evidence.value_or("")},
          {"facts", facts},
          {"editable", editable},
          {"status_label", web::t(req.locale, "item.status." + i.status)},
          {"text", localized(i.text, req.locale)},
          {"dimension", i.dimension ? json(dim_names.at(*i.dimension)) : json()},
          {"done", i.status == "done"},
          {"version", std::to_string(i.version)},
          {"status_options", options}};
}

// The phases, the current phase's items and the way on to the next phase.
void phase_view(json& view, const Request& req, const Project& p, const MethodTemplate& t,
                const std::vector<ChecklistItem>& items) {
  json phases = json::array();
  int current = t.phase_index(p.phase_key);
  for (std::size_t i = 0; i < t.phases.size(); ++i) {
    phases.push_back({{"name", localized(t.phases[i].name, req.locale)},
                      {"current", static_cast<int>(i) == current},
                      {"done", static_cast<int>(i) < current}});
  }
  view["phases"] = phases;
  const TemplatePhase* phase = t.phase(p.phase_key);
  view["phase_name"] = phase ? localized(phase->name, req.locale) : p.phase_key;
  view["phase_description"] = phase ? localized(phase->description, req.locale) : "";
  Names dim_names;
  for (const auto& [k, n] : t.dimensions) dim_names[k] = localized(n, req.locale);
  json current_items = json::array();
  for (const auto& i : items)
    if (i.phase_key == p.phase_key) current_items.push_back(item_view(req, i, view, dim_names));
  view["items"] = current_items;
  view["matrix"] = progress_matrix(req, t, items);
  if (auto next = next_phase(t, p.phase_key))
    view["next_phase"] = {{"key", *next}, {"name", localized(t.phase(*next)->name, req.locale)}};
}

// The decision log, filtered by ?decisions=phase_gate|decision.
void decisions_view(json& view, const Request& req, ProjectStore& store, const MethodTemplate& t) {
  auto kind = req.query_param("decisions").value_or("");
  if (kind != "phase_gate" && kind != "decision") kind.clear();
  view["decision_filter"] = {{"all", kind.empty()},
                             {"phase_gate", kind == "phase_gate"},
                             {"decision", kind == "decision"}};
  json decisions = store.decisions(view["project"]["id"], kind, req.locale);
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

void project_view(json& view, const ProjectScope& scope, const Request& req, const Names& units) {
  const Project& p = scope.project();
  ProjectStore store(scope.sql(), scope.tenant_id());
  MethodTemplate method = store.method(p);
  view["project"] = to_json(p);
  view["project"]["status_view"] = status_view(req, p.status);
  view["method"] = localized(method.name, req.locale);
  json unit_list = json::array();
  for (const auto& id : p.unit_ids) unit_list.push_back(units.count(id) ? units.at(id) : id);
  view["units"] = unit_list;
  view["has_units"] = !unit_list.empty();
  phase_view(view, req, p, method, store.checklist(p.id));
  decisions_view(view, req, store, method);
  view["warnings"] = json::array();
  for (const auto& w : charter_warnings(p))
    view["warnings"].push_back(web::translate_message(req.locale, w));
}

Response save_item(db::Database& db, const Request& req) {
  auto form = req.form();
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
        return Response::redirect("/projects/" + req.param("id") + "?saved=1#decisions-heading");
      },
      [&](const kit::FormRefusal& refused) {
        json errors = json::object();
        for (const auto& [k, v] : refused.errors.items()) errors["decision_" + k] = v;
        return project_page(db, sections, req, typed, errors, refused.status);
      });
}

Response move_phase(db::Database& db, const std::vector<PageSection>& sections,
                    const Request& req) {
  auto form = req.form();
  json typed = {{"decision", form["decision"]},
                {"decided_on", form["decided_on"]},
                {"decided_by", form["decided_by"]}};
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        auto decision = parse_gate_decision(input, req.who());
        input.check();
        auto sql = db.lease();
        ProjectScope(*sql, req, req.param("id")).require(ProjectRight::kDecide);
        ProjectStore(*sql, req.who().tenant_id).move_phase(&req.who(), req.param("id"), decision);
        return Response::redirect("/projects/" + req.param("id") + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return project_page(db, sections, req, typed, refused.errors, refused.status);
      });
}

}  // namespace

json status_view(const Request& req, const std::string& status) {
  return {{"value", status}, {"label", web::t(req.locale, "project.status." + status)}};
}

Response project_page(db::Database& db, const std::vector<PageSection>& sections,
                      const Request& req, const json& move_form, const json& errors, int status) {
  auto view = web::base_view(req);
  {
    auto sql = db.lease();
    ProjectScope scope(*sql, req, req.param("id"));  // the project and my roles, once
    Names units;
    for (const auto& u : org::UnitStore(*sql, scope.tenant_id()).all()) units[u.id] = u.name;
    grant_options(view, scope, req);
    roles_view(view, scope, req, units);
    project_view(view, scope, req, units);
    view["sections"] = json::array();
    for (const auto& section : sections) view["sections"].push_back(section(scope, req));
  }
  view["move_form"] = move_form;
  view["errors"] = errors;
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "projects/project", view, {"project.title", "projects", status});
}

void add_front_page(http::Router& router, db::Database& db,
                    const std::vector<PageSection>& sections) {
  using std::placeholders::_1, std::placeholders::_2;
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}",
        [sections](db::Database& db, const Request& req) {
          return project_page(db, sections, req, json::object(), json::object(), 200);
        },
        "Project front page"},
       {"POST", "/projects/{id}/items/{item}", save_item, "Update a checklist item from the form"},
       {"POST", "/projects/{id}/decisions", std::bind(save_decision, _1, sections, _2),
        "Record a decision from the form"},
       {"POST", "/projects/{id}/phase", std::bind(move_phase, _1, sections, _2),
        "Move to the next phase from the form"}});
}

}  // namespace projects
