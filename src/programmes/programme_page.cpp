// One programme's page: its projects grouped by cluster with filters, the form that
// attaches or moves a project, and for the owner's administrators the programme's own
// forms (title, clusters, tracks).
#include <set>

#include "programmes/page_sections.hpp"
#include "programmes/portfolio_store.hpp"
#include "programmes/programme_access.hpp"
#include "programmes/programme_pages.hpp"
#include "programmes/programme_store.hpp"
#include "projects/method_template.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace programmes::pages {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::string phase_name(const AttachedProject& a, const std::string& locale) {
  const auto* t = projects::find_template(a.template_key);
  const auto* ph = t ? t->phase(a.phase_key) : nullptr;
  return ph ? projects::localized(ph->name, locale) : a.phase_key;
}

ProjectRollup& rollup_hook() {
  static ProjectRollup hook;
  return hook;
}

json project_rows(const Request& req, const Programme& p, const std::vector<AttachedProject>& list,
                  const std::set<std::string>& detachable, const json& rollup) {
  json rows = json::array();
  for (const auto& a : list) {
    std::string tracks;
    for (const auto& id : a.track_ids) {
      if (const Group* g = find_group(p.tracks, id))
        tracks += (tracks.empty() ? "" : ", ") + g->name;
    }
    rows.push_back(
        {{"project_id", a.project_id},
         {"title", a.title},
         {"own", a.tenant_id == req.who().tenant_id},
         {"tenant", a.tenant_name},
         {"phase", phase_name(a, req.locale)},
         {"status",
          {{"value", a.status}, {"label", web::t(req.locale, "project.status." + a.status)}}},
         {"tracks", tracks},
         {"last_update", a.last_update.substr(0, 10)},
         {"can_detach", detachable.count(a.project_id) != 0},
         {"report", rollup.contains(a.project_id) ? rollup[a.project_id] : json()}});
  }
  return rows;
}

// The page's filters: ?cluster=&track=&status=.
struct Filters {
  std::string cluster, track, status;
  explicit Filters(const Request& req)
      : cluster(req.query_param("cluster").value_or("")),
        track(req.query_param("track").value_or("")),
        status(req.query_param("status").value_or("")) {}
  bool shows(const AttachedProject& a) const {
    if (!track.empty() &&
        std::find(a.track_ids.begin(), a.track_ids.end(), track) == a.track_ids.end())
      return false;
    return status.empty() || a.status == status;
  }
};

// Projects grouped by cluster, after the page's filters.
json grouped(const Request& req, const Programme& p, const std::vector<AttachedProject>& all,
             const std::set<std::string>& detachable, const json& rollup) {
  Filters filters(req);
  std::vector<AttachedProject> shown;
  for (const auto& a : all)
    if (filters.shows(a)) shown.push_back(a);
  json groups = json::array();
  auto add = [&](const std::string& key, const std::string& name,
                 const std::vector<AttachedProject>& members) {
    json rows = project_rows(req, p, members, detachable, rollup);
    groups.push_back({{"key", key},
                      {"name", name},
                      {"count", std::to_string(rows.size())},
                      {"rows", rows},
                      {"has_rows", !rows.empty()}});
  };
  if (p.clusters.empty()) {
    add("all", web::t(req.locale, "programme_all_projects"), shown);
    return groups;
  }
  std::set<std::string> cluster_ids;
  for (const auto& c : p.clusters) {
    cluster_ids.insert(c.id);
    if (!filters.cluster.empty() && filters.cluster != c.id) continue;
    std::vector<AttachedProject> members;
    for (const auto& a : shown)
      if (a.cluster_id == c.id) members.push_back(a);
    add(c.id, c.name, members);
  }
  std::vector<AttachedProject> loose;
  for (const auto& a : shown)
    if (!a.cluster_id || cluster_ids.count(*a.cluster_id) == 0) loose.push_back(a);
  if ((filters.cluster.empty() && !loose.empty()) || filters.cluster == "none")
    add("none", web::t(req.locale, "no_cluster"), loose);
  return groups;
}

void filter_view(json& view, const Request& req, const Programme& p) {
  Filters filters(req);
  const std::string& loc = req.locale;
  json clusters = json::array();
  for (const auto& c : p.clusters)
    clusters.push_back(option(c.id, c.name, c.id == filters.cluster));
  if (!p.clusters.empty())
    clusters.push_back(option("none", web::t(loc, "no_cluster"), filters.cluster == "none"));
  json tracks = json::array();
  for (const auto& t : p.tracks) tracks.push_back(option(t.id, t.name, t.id == filters.track));
  json statuses = json::array();
  for (const char* s : {"green", "yellow", "red"}) {
    statuses.push_back(
        option(s, web::t(loc, std::string("project.status.") + s), s == filters.status));
  }
  view["filter_clusters"] = clusters;
  view["filter_tracks"] = tracks;
  view["filter_statuses"] = statuses;
}

// One form attaches a project or moves an attached one.
void attach_view(json& view, const Request& req, const Programme& p,
                 const std::vector<AttachedProject>& attached,
                 const std::vector<PortfolioRow>& attachable, const json& typed) {
  std::set<std::string> attached_ids;
  for (const auto& a : attached) attached_ids.insert(a.project_id);
  json projects = json::array();
  for (const auto& r : attachable) {
    std::string label = r.title;
    if (attached_ids.count(r.id) != 0) label += " (" + web::t(req.locale, "attached_already") + ")";
    projects.push_back(option(r.id, label, typed.value("project_id", "") == r.id));
  }
  view["attachable"] = projects;
  view["has_attachable"] = !projects.empty();
  json clusters = json::array();
  for (const auto& c : p.clusters)
    clusters.push_back(option(c.id, c.name, typed.value("cluster", "") == c.id));
  view["attach_clusters"] = clusters;
  std::set<std::string> ticked;
  for (const auto& t : typed.value("tracks", json::array())) ticked.insert(t.get<std::string>());
  json tracks = json::array();
  for (const auto& t : p.tracks) tracks.push_back(option(t.id, t.name, ticked.count(t.id) != 0));
  view["attach_tracks"] = tracks;
}

// The owner's administrators: the programme's form and a form per kind of group.
void manage_view(json& view, const Request& req, const Programme& p, const ProgrammeState& state) {
  const std::string& loc = req.locale;
  view["manage"] = true;
  view["form"] = state.edit.is_null() ? json{{"title", p.title},
                                             {"description", p.description.value_or("")},
                                             {"version", std::to_string(p.version)}}
                                      : state.edit;
  json forms = json::array();
  for (const auto& [kind, list] : {std::pair{std::string("clusters"), &p.clusters},
                                   std::pair{std::string("tracks"), &p.tracks}}) {
    json items = json::array();
    for (const auto& g : *list) items.push_back(to_json(g));
    auto typed_it = state.group_typed.find(kind);
    auto error_it = state.group_errors.find(kind);
    forms.push_back(
        {{"kind", kind},
         {"heading", web::t(loc, "programme_" + kind)},
         {"add_label", web::t(loc, kind == "clusters" ? "add_cluster" : "add_track")},
         {"items", items},
         {"has_items", !items.empty()},
         {"typed", typed_it == state.group_typed.end() ? "" : typed_it->second},
         {"error", error_it == state.group_errors.end() ? json() : json(error_it->second)}});
  }
  view["group_forms"] = forms;
}

// What the page reads in one lease: the programme, its projects, what the caller may
// attach and which attached ones the caller may take out.
struct Loaded {
  Programme programme;
  std::vector<AttachedProject> attached;
  std::vector<PortfolioRow> attachable;
  std::set<std::string> detachable;
};

Loaded load(db::Database& db, const Request& req) {
  const auto& who = req.who();
  Loaded out;
  auto sql = db.lease();
  ProgrammeStore store(*sql, who.tenant_id);
  out.programme = store.get(req.param("id"));
  out.attached = store.projects(out.programme);
  for (auto& r : PortfolioStore(*sql, who.tenant_id).rows()) {
    if (may_attach(*sql, who, r.id)) out.attachable.push_back(std::move(r));
  }
  for (const auto& a : out.attached) {
    if (may_manage(out.programme, who) ||
        (a.tenant_id == who.tenant_id && may_attach(*sql, who, a.project_id)))
      out.detachable.insert(a.project_id);
  }
  return out;
}

// The rollup of the attached projects, when a feature gave one.
json rollup_of(db::Database& db, const Request& req, const std::vector<AttachedProject>& attached) {
  if (!rollup_hook()) return json::object();
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& a : attached) keys.emplace_back(a.tenant_id, a.project_id);
  auto sql = db.lease();
  return rollup_hook()(*sql, keys, req.locale);
}

}  // namespace

void use_rollup(ProjectRollup rollup) { rollup_hook() = std::move(rollup); }
}  // namespace programmes::pages

namespace programmes {

namespace {
std::vector<PageSections>& sections() {
  static std::vector<PageSections> kept;
  return kept;
}
}  // namespace

void set_page_sections(std::vector<PageSections> s) { sections() = std::move(s); }
const std::vector<PageSections>& page_sections() { return sections(); }

}  // namespace programmes

namespace programmes::pages {

Response programme_page(db::Database& db, const Request& req, const ProgrammeState& state) {
  auto loaded = load(db, req);
  const Programme& p = loaded.programme;
  auto view = web::base_view(req);
  view["programme"] = to_json(p, req.who().tenant_id);
  view["has_tracks"] = !p.tracks.empty();
  view["groups"] =
      grouped(req, p, loaded.attached, loaded.detachable, rollup_of(db, req, loaded.attached));
  filter_view(view, req, p);
  attach_view(view, req, p, loaded.attached, loaded.attachable,
              state.attach.is_null() ? json::object() : state.attach);
  if (may_manage(p, req.who())) manage_view(view, req, p, state);
  view["errors"] = state.errors;
  if (req.query_param("saved")) view["saved"] = true;
  std::string sections;
  for (const auto& section : page_sections())
    if (section.programme) sections += section.programme(*db.lease(), req, loaded.attached);
  view["sections"] = sections;
  return web::page(req, "programmes/programme", view,
                   {"programme.title", "programmes", state.status});
}

}  // namespace programmes::pages
