// The project's overview tab: phases, the current phase's checklist and gate, the progress
// matrix and the summaries other features add. Roles are on the charter tab and the
// decision log on the meetings tab (project_tab_pages.cpp).
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "core/input.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/scope.hpp"
#include "org/person_store.hpp"
#include "projects/next_steps.hpp"
#include "projects/project_input.hpp"
#include "projects/project_store.hpp"
#include "projects/project_views.hpp"
#include "web/i18n.hpp"
#include "web/page_cache.hpp"
#include "web/render.hpp"

namespace projects {
namespace {

using Names = std::map<std::string, std::string>;

// Done/total per phase and dimension: the progress matrix of the project page.
json progress_matrix(const Request& req, const MethodTemplate& t,
                     const std::vector<ProjectStore::ItemCount>& progress) {
  std::map<std::pair<std::string, std::string>, std::pair<int, int>> counts;
  for (const auto& c : progress) counts[{c.phase_key, c.dimension}] = {c.done, c.counted};
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

// The names of the items' responsibles, read in one statement (not the tenant's people).
Names responsible_names(const ProjectScope& scope, const std::vector<ChecklistItem>& items) {
  std::set<std::string> ids;
  for (const auto& i : items)
    if (i.responsible_id) ids.insert(*i.responsible_id);
  return org::PersonStore(scope.sql(), scope.tenant_id()).names(ids);
}

// One item of the current phase: its status can be set here; who, when and the evidence
// on its own page (each item's choice of people made the overview heavy). `statuses` holds
// each status's label, translated once for all the items.
json item_view(const Request& req, const ChecklistItem& i, bool may_edit, const Names& people,
               const Names& dim_names, const Names& statuses) {
  bool editable = may_edit || (i.responsible_id && *i.responsible_id == req.who().person_id);
  std::string facts;
  if (i.responsible_id && people.count(*i.responsible_id))
    facts = web::t(req.locale, "item_responsible") + ": " + people.at(*i.responsible_id);
  if (i.due_date)
    facts += (facts.empty() ? "" : " · ") + web::t(req.locale, "item_due") + ": " + *i.due_date;
  json options = json::array();
  if (editable)  // only an editable item shows the select
    for (const auto& s : kItemStatuses)
      options.push_back({{"value", s}, {"label", statuses.at(s)}, {"selected", s == i.status}});
  auto label = statuses.find(i.status);
  return {{"id", i.id},
          {"facts", facts},
          {"editable", editable},
          {"status_label", label != statuses.end() ? label->second : i.status},
          {"text", localized(i.text, req.locale)},
          {"dimension", i.dimension ? json(dim_names.at(*i.dimension)) : json()},
          {"done", i.status == "done"},
          {"version", std::to_string(i.version)},
          {"status_options", std::move(options)}};
}

// The phases, the current phase's items and the way on to the next phase; returns how many
// of the current phase's items are open.
int phase_view(json& view, const ProjectScope& scope, const Request& req, const MethodTemplate& t) {
  const Project& p = scope.project();
  ProjectStore store(scope.sql(), scope.tenant_id());
  const auto progress = store.checklist_progress(p.id);
  std::map<std::string, int> open;  // per phase: items neither done nor "not relevant"
  for (const auto& c : progress) open[c.phase_key] += c.counted - c.done;
  json phases = json::array();
  int current = t.phase_index(p.phase_key);
  for (std::size_t i = 0; i < t.phases.size(); ++i) {
    // A phase passed with items still open is not shown as done.
    const bool passed = static_cast<int>(i) < current;
    const bool complete = open[t.phases[i].key] == 0;
    phases.push_back({{"name", localized(t.phases[i].name, req.locale)},
                      {"current", static_cast<int>(i) == current},
                      {"done", passed && complete},
                      {"passed_open", passed && !complete}});
  }
  view["phases"] = phases;
  const TemplatePhase* phase = t.phase(p.phase_key);
  view["phase_name"] = phase ? localized(phase->name, req.locale) : p.phase_key;
  view["phase_description"] = phase ? localized(phase->description, req.locale) : "";
  Names dim_names;
  for (const auto& [k, n] : t.dimensions) dim_names[k] = localized(n, req.locale);
  const auto items = store.checklist(p.id, p.phase_key);
  const Names people = responsible_names(scope, items);
  const bool may_edit = scope.may(ProjectRight::kEdit);
  Names statuses;
  for (const auto& s : kItemStatuses) statuses[s] = web::t(req.locale, "item.status." + s);
  json current_items = json::array();
  for (const auto& i : items)
    current_items.push_back(item_view(req, i, may_edit, people, dim_names, statuses));
  view["items"] = current_items;
  view["matrix"] = progress_matrix(req, t, progress);
  if (open[p.phase_key] > 0) view["open_items"] = std::to_string(open[p.phase_key]);
  if (auto next = next_phase(t, p.phase_key))
    view["next_phase"] = {{"key", *next}, {"name", localized(t.phase(*next)->name, req.locale)}};
  return open[p.phase_key];
}

// The project, its phases and checklist; returns how many items of the phase are open.
int project_view(json& view, const ProjectScope& scope, const Request& req) {
  const Project& p = scope.project();
  const MethodTemplate& method = scope.method();
  view["project"] = to_json(p);
  view["project"]["status_view"] = status_view(req, p.status);
  view["method"] = localized(method.name, req.locale);
  const int open = phase_view(view, scope, req, method);
  view["warnings"] = json::array();
  for (const auto& w : charter_warnings(p))
    view["warnings"].push_back(web::translate_message(req.locale, w));
  return open;
}

Response move_phase(db::Database& db, const TabParts& parts, const Request& req) {
  auto form = req.form();
  json typed = {{"decision", form["decision"]},
                {"decided_on", form["decided_on"]},
                {"decided_by", form["decided_by"]},
                {"open_items_reason", form["open_items_reason"]}};
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
        return project_page(db, parts, req, typed, refused.errors, refused.status);
      });
}

}  // namespace

json status_view(const Request& req, const std::string& status) {
  return {{"value", status}, {"label", web::t(req.locale, "project.status." + status)}};
}

namespace {

// The overview's view, read in one snapshot of `sql`, up to the layout.
json overview_view(ProjectScope& scope, const TabParts& parts, const Request& req) {
  json view = kit::project_view(req, scope, "overview");
  view["rights"] = {{"edit", scope.may(ProjectRight::kEdit)},
                    {"decide", scope.may(ProjectRight::kDecide)}};
  const int open = project_view(view, scope, req);
  auto steps = own_next_steps(scope, open);
  for (const auto& source : parts.next_steps)
    for (auto& s : source(scope)) steps.push_back(std::move(s));
  view["next_steps"] = next_steps_view(req, steps);
  view["has_next_steps"] = !steps.empty();
  view["sections"] = json::array();
  for (const auto& section : parts.overview) view["sections"].push_back(section(scope, req));
  return view;
}

Response finish_page(const Request& req, json view, const json& move_form, const json& errors,
                     int status) {
  view["move_form"] = move_form;
  view["errors"] = errors;
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "projects/project", std::move(view), {"project.title", "projects", status});
}

// The overview as most requests see it: kept while the database shows no change (D54,
// docs/architecture.md). The project and the caller's roles are read on every request, so
// access is checked as before; the rest is some fifty reads and 34 kB of rendering, done once
// for the requests that miss a key together (they wait holding their connection: the pool
// has more connections than the server has threads).
Response front_page(db::Database& db, const TabParts& parts, const Request& req) {
  static web::PageCache cache(64);
  auto sql = db.lease();
  db::ReadTx snapshot(*sql);
  const std::string marker = db::change_marker(*sql);
  ProjectScope scope(*sql, req, req.param("id"));
  auto render = [&]() -> web::PageCache::Rendered {
    json view = overview_view(scope, parts, req);
    // PostgreSQL reads each statement at its own snapshot: keep the page only if none moved.
    const bool keep = db::change_marker(*sql) == marker;
    return {finish_page(req, std::move(view), json::object(), json::object(), 200), keep};
  };
  const auto key = web::PageCache::key(req, db.url().target, marker);
  if (!key) return render().page;
  return *cache.get(*key, render);
}

}  // namespace

Response project_page(db::Database& db, const TabParts& parts, const Request& req,
                      const json& move_form, const json& errors, int status) {
  json view;
  {
    auto sql = db.lease();
    db::ReadTx snapshot(*sql);                       // some forty reads, one snapshot
    ProjectScope scope(*sql, req, req.param("id"));  // the project and my roles, once
    view = overview_view(scope, parts, req);
  }
  return finish_page(req, std::move(view), move_form, errors, status);
}

void add_front_page(http::Router& router, db::Database& db, const TabParts& parts) {
  using std::placeholders::_1, std::placeholders::_2;
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}",
        [parts](db::Database& db, const Request& req) { return front_page(db, parts, req); },
        "Project front page"},
       {"POST", "/projects/{id}/phase", std::bind(move_phase, _1, parts, _2),
        "Move to the next phase from the form"}});
}

}  // namespace projects
