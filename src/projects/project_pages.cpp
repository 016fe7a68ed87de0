#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/paging.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_access.hpp"
#include "projects/project_input.hpp"
#include "projects/project_routes.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"
#include "projects/template_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace projects {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

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

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

json status_view(const Request& req, const std::string& status) {
  return {{"value", status}, {"label", web::t(req.locale, "project.status." + status)}};
}

Response list_page(db::Database& db, const Request& req, const json& form, const json& errors,
                   int status) {
  auto page = http::Page::from(req);
  json rows = json::array();
  std::optional<std::string> next;
  {
    auto sql = db.lease();
    ProjectStore store(*sql, req.who().tenant_id);
    auto projects = store.page(page.after, page.limit);
    if (projects.size() > static_cast<std::size_t>(page.limit)) {
      projects.resize(static_cast<std::size_t>(page.limit));
      next = projects.back().id;
    }
    for (const auto& p : projects) {
      MethodTemplate method = store.method(p);
      const MethodTemplate* t = &method;
      const TemplatePhase* ph = t->phase(p.phase_key);
      rows.push_back({{"id", p.id},
                      {"title", p.title},
                      {"method", t ? localized(t->name, req.locale) : p.template_key},
                      {"phase", ph ? localized(ph->name, req.locale) : p.phase_key},
                      {"status", status_view(req, p.status)}});
    }
  }
  auto view = web::base_view(req);
  view["projects"] = rows;
  view["has_projects"] = !rows.empty();
  if (next) view["next_url"] = "/projects?cursor=" + *next;
  view["form"] = form;
  view["errors"] = errors;
  {
    auto sql = db.lease();
    view["template_options"] = template_options(req, TemplateStore(*sql, req.who().tenant_id).all(),
                                                form.value("template", "kl-workflow"));
  }
  return web::page(req, "projects/list", view, {"projects.title", "projects", status});
}

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

Response project_page(db::Database& db, const std::vector<PageSection>& sections,
                      const Request& req, const json& move_form, const json& errors, int status) {
  auto view = web::base_view(req);
  Project p;
  MethodTemplate method;
  std::vector<ChecklistItem> items;
  json decisions;
  std::map<std::string, std::string> unit_names;
  {
    auto sql = db.lease();
    ProjectScope scope(*sql, req, req.param("id"));  // the project and my roles, once
    ProjectStore store(*sql, req.who().tenant_id);
    p = scope.project();
    items = store.checklist(p.id);
    auto kind = req.query_param("decisions").value_or("");
    if (kind != "phase_gate" && kind != "decision") kind.clear();
    decisions = store.decisions(p.id, kind);
    view["decision_filter"] = {{"all", kind.empty()},
                               {"phase_gate", kind == "phase_gate"},
                               {"decision", kind == "decision"}};
    for (const auto& u : org::UnitStore(*sql, req.who().tenant_id).all()) unit_names[u.id] = u.name;
    const auto& mine = scope.roles();
    view["rights"] = {{"edit", may(req.who(), mine, ProjectRight::kEdit)},
                      {"decide", may(req.who(), mine, ProjectRight::kDecide)},
                      {"manage_roles", may_grant(req.who(), mine, "project_group") ||
                                           may_grant(req.who(), mine, "steering_member")}};
    RoleStore roles(*sql, req.who().tenant_id);
    json role_rows = roles.list(p.id);
    for (auto& r : role_rows) {
      auto role = r["role"].get<std::string>();
      r["role_label"] = web::t(req.locale, "role." + role);
      r["may_remove"] = may_grant(req.who(), mine, role);
    }
    view["roles"] = role_rows;
    view["has_roles"] = !role_rows.empty();
    json warnings = json::array();
    std::map<std::string, std::string> names;
    for (const auto& r : role_rows) names[r["person_id"]] = r["person_name"];
    for (const auto& w : roles.coverage(p.id)) {
      std::string subject = unit_names.count(w.subject_id) ? unit_names[w.subject_id]
                            : names.count(w.subject_id)    ? names[w.subject_id]
                                                           : w.subject_id;
      warnings.push_back(
          {{"message", web::translate_message(req.locale, w.message)}, {"subject", subject}});
    }
    view["coverage"] = warnings;
    json people = json::array();
    org::PersonStore person_store(*sql, req.who().tenant_id);
    for (const auto& person : person_store.page("", 200))
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
    method = store.method(p);
    view["sections"] = json::array();
    for (const auto& section : sections) view["sections"].push_back(section(scope, req));
  }
  const MethodTemplate* t = &method;
  view["project"] = to_json(p);
  view["project"]["status_view"] = status_view(req, p.status);
  view["method"] = localized(t->name, req.locale);
  json units = json::array();
  for (const auto& id : p.unit_ids) units.push_back(unit_names.count(id) ? unit_names[id] : id);
  view["units"] = units;
  view["has_units"] = !units.empty();
  json phases = json::array();
  int current = t->phase_index(p.phase_key);
  for (std::size_t i = 0; i < t->phases.size(); ++i) {
    phases.push_back({{"name", localized(t->phases[i].name, req.locale)},
                      {"current", static_cast<int>(i) == current},
                      {"done", static_cast<int>(i) < current}});
  }
  view["phases"] = phases;
  const TemplatePhase* phase = t->phase(p.phase_key);
  view["phase_name"] = phase ? localized(phase->name, req.locale) : p.phase_key;
  view["phase_description"] = phase ? localized(phase->description, req.locale) : "";
  std::map<std::string, std::string> dim_names;
  for (const auto& [k, n] : t->dimensions) dim_names[k] = localized(n, req.locale);
  json current_items = json::array();
  for (const auto& i : items) {
    if (i.phase_key != p.phase_key) continue;
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
      responsible.push_back(
          {{"id", person["id"]}, {"label", person["label"]}, {"selected", chosen}});
      if (chosen)
        facts = web::t(req.locale, "item_responsible") + ": " + person["label"].get<std::string>();
    }
    if (i.due_date)
      facts += (facts.empty() ? "" : " · ") + web::t(req.locale, "item_due") + ": " + *i.due_date;
    current_items.push_back({{"id", i.id},
                             {"responsible_options", responsible},
                             {"due_date", i.due_date.value_or("")},
                             {"evidence", i.evidence.value_or("")},
                             {"facts", facts},
                             {"editable", editable},
                             {"status_label", web::t(req.locale, "item.status." + i.status)},
                             {"text", localized(i.text, req.locale)},
                             {"dimension", i.dimension ? json(dim_names[*i.dimension]) : json()},
                             {"done", i.status == "done"},
                             {"version", std::to_string(i.version)},
                             {"status_options", options}});
  }
  view["items"] = current_items;
  view["matrix"] = progress_matrix(req, *t, items);
  if (auto next = next_phase(*t, p.phase_key)) {
    view["next_phase"] = {{"key", *next}, {"name", localized(t->phase(*next)->name, req.locale)}};
  }
  for (auto& d : decisions) {
    d["has_links"] = d.contains("links") && !d["links"].empty();
    for (const char* k : {"from_phase", "to_phase"}) {
      if (d[k].is_string() && t->phase(d[k].get<std::string>())) {
        d[std::string(k) + "_name"] =
            localized(t->phase(d[k].get<std::string>())->name, req.locale);
      }
    }
  }
  view["decisions"] = decisions;
  view["has_decisions"] = !decisions.empty();
  view["move_form"] = move_form;
  view["errors"] = errors;
  view["warnings"] = json::array();
  for (const auto& w : charter_warnings(p))
    view["warnings"].push_back(web::translate_message(req.locale, w));
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "projects/project", view, {"project.title", "projects", status});
}

Response charter_page(db::Database& db, const Request& req, const json& typed, const json& errors,
                      const json& conflict, int status) {
  auto view = web::base_view(req);
  Project p;
  std::vector<org::Unit> units;
  {
    auto sql = db.lease();
    require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
    p = ProjectStore(*sql, req.who().tenant_id).get(req.param("id"));
    units = org::UnitStore(*sql, req.who().tenant_id).all();
  }
  json form = typed.is_null() ? json{{"title", p.title},
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
                                     {"version", std::to_string(p.version)}}
                              : typed;
  std::set<std::string> chosen;
  for (const auto& id : form.value("unit_ids", json::array())) chosen.insert(id.get<std::string>());
  json unit_choices = json::array();
  for (const auto& row : org::tree_order(units)) {
    unit_choices.push_back({{"id", row.unit->id},
                            {"label", row.unit->name},
                            {"depth_class", "depth-" + std::to_string(std::min(row.depth, 4))},
                            {"checked", chosen.count(row.unit->id) != 0}});
  }
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
  view["unit_choices"] = unit_choices;
  view["status_options"] = statuses;
  return web::page(req, "projects/charter", view, {"charter.title", "projects", status});
}

// The form as JSON with the multi-valued unit checkboxes gathered into a list.
json charter_form_json(const std::string& body) {
  json out = json::object();
  json units = json::array();
  std::string_view s = body;
  while (!s.empty()) {
    auto amp = s.find('&');
    auto part = s.substr(0, amp);
    auto eq = part.find('=');
    if (eq != std::string_view::npos) {
      auto key = http::url_decode(part.substr(0, eq), true);
      auto value = http::url_decode(part.substr(eq + 1), true);
      if (key == "unit_ids") {
        units.push_back(value);
      } else if (key != "_csrf") {
        out[key] = value;
      }
    }
    if (amp == std::string_view::npos) break;
    s.remove_prefix(amp + 1);
  }
  out["unit_ids"] = units;
  return out;
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
  const MethodTemplate* t = &method;
  const TemplatePhase* phase = t->phase(p.phase_key);
  json units = json::array();
  for (const auto& id : p.unit_ids) units.push_back(unit_names.count(id) ? unit_names[id] : id);
  view["project"] = to_json(p);
  view["method"] = t ? localized(t->name, req.locale) : p.template_key;
  view["phase_name"] = phase ? localized(phase->name, req.locale) : p.phase_key;
  view["status_label"] = web::t(req.locale, "project.status." + p.status);
  view["units"] = units;
  view["roles"] = roles;
  view["tenant"] = req.who().tenant_name;
  return web::page(req, "projects/print", view, {"charter.title", "projects", 200});
}

}  // namespace

void add_pages(http::Router& router, db::Database& db, std::vector<PageSection> sections) {
  router.add(
      {"GET",
       "/projects",
       Access::kAuthenticated,
       [&db](Request& req) { return list_page(db, req, json::object(), json::object(), 200); },
       {"Projects", "web"}});
  router.add(
      {"POST",
       "/projects",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto form = req.form();
         json typed = {{"title", form["title"]}, {"template", form["template"]}};
         try {
           auto sql = db.lease();
           auto available = TemplateStore(*sql, req.who().tenant_id).all();
           core::Input input(json{{"title", form["title"]}, {"template", form["template"]}}, true);
           const MethodTemplate* t = parse_template_choice(input, available);
           auto charter = parse_charter(input, true);
           input.check();
           auto p = ProjectStore(*sql, req.who().tenant_id).create(&req.who(), *t, charter);
           return Response::redirect("/projects/" + p.id + "/charter");
         } catch (const core::ValidationError& e) {
           return list_page(db, req, typed, web::form_errors(req, e.fields()), 422);
         }
       },
       {"Create a project from the form", "web"}});
  router.add({"GET",
              "/projects/{id}",
              Access::kAuthenticated,
              [&db, sections](Request& req) {
                return project_page(db, sections, req, json::object(), json::object(), 200);
              },
              {"Project front page", "web"}});
  router.add({"GET",
              "/projects/{id}/print",
              Access::kAuthenticated,
              [&db](Request& req) { return print_page(db, req); },
              {"The charter as one printable document", "web"}});
  router.add(
      {"GET",
       "/projects/{id}/charter",
       Access::kAuthenticated,
       [&db](Request& req) { return charter_page(db, req, nullptr, json::object(), nullptr, 200); },
       {"Edit the charter", "web"}});
  router.add({"POST",
              "/projects/{id}/charter",
              Access::kAuthenticated,
              [&db](Request& req) {
                json typed = charter_form_json(req.body);
                try {
                  core::Input input(typed, true);
                  auto charter = parse_charter(input, false);
                  auto version = input.optional_int("version", 1, 1LL << 40);
                  if (!version) input.fail("version", "is required");
                  input.check();
                  auto sql = db.lease();
                  require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
                  ProjectStore(*sql, req.who().tenant_id)
                      .update_charter(&req.who(), req.param("id"), *version, charter);
                  return Response::redirect("/projects/" + req.param("id") + "?saved=1");
                } catch (const core::ValidationError& e) {
                  return charter_page(db, req, typed, web::form_errors(req, e.fields()), nullptr,
                                      422);
                } catch (const core::Conflict& e) {
                  auto current = e.current();
                  typed["version"] = std::to_string(current.value("version", 0LL));
                  json conflict = {{"title", current.value("title", "")},
                                   {"purpose", current["purpose"].is_string()
                                                   ? current["purpose"].get<std::string>()
                                                   : ""}};
                  return charter_page(db, req, typed,
                                      {{"_form", web::translate_message(req.locale, e.what())}},
                                      conflict, 409);
                }
              },
              {"Save the charter from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/items/{item}",
              Access::kAuthenticated,
              [&db](Request& req) {
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
              },
              {"Update a checklist item from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/decisions",
              Access::kAuthenticated,
              [&db, sections](Request& req) {
                auto form = req.form();
                json typed = {{"decision_text", form["decision"]}, {"links", form["links"]}};
                auto sql = db.lease();
                ProjectStore store(*sql, req.who().tenant_id);
                require_right(*sql, req.who(), req.param("id"), ProjectRight::kDecide);
                try {
                  auto input = core::Input::from_form(form);
                  auto decision = parse_gate_decision(input, req.who(), false);
                  input.check();
                  store.record_decision(&req.who(), req.param("id"), decision);
                  return Response::redirect("/projects/" + req.param("id") +
                                            "?saved=1#decisions-heading");
                } catch (const core::ValidationError& e) {
                  json errors = json::object();
                  for (const auto& [k, v] : e.fields())
                    errors["decision_" + k] = web::translate_message(req.locale, v);
                  return project_page(db, sections, req, typed, errors, 422);
                }
              },
              {"Record a decision from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/phase",
              Access::kAuthenticated,
              [&db, sections](Request& req) {
                auto form = req.form();
                json typed = {{"decision", form["decision"]},
                              {"decided_on", form["decided_on"]},
                              {"decided_by", form["decided_by"]}};
                try {
                  auto input = core::Input::from_form(form);
                  auto decision = parse_gate_decision(input, req.who());
                  input.check();
                  auto sql = db.lease();
                  require_right(*sql, req.who(), req.param("id"), ProjectRight::kDecide);
                  ProjectStore(*sql, req.who().tenant_id)
                      .move_phase(&req.who(), req.param("id"), decision);
                  return Response::redirect("/projects/" + req.param("id") + "?saved=1");
                } catch (const core::ValidationError& e) {
                  return project_page(db, sections, req, typed, web::form_errors(req, e.fields()),
                                      422);
                }
              },
              {"Move to the next phase from the form", "web"}});
}

}  // namespace projects
