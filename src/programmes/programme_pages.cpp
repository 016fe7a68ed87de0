#include <set>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/paging.hpp"
#include "programmes/portfolio_store.hpp"
#include "programmes/programme_access.hpp"
#include "programmes/programme_routes.hpp"
#include "programmes/programme_store.hpp"
#include "programmes/umbrella_store.hpp"
#include "projects/method_template.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace programmes {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

// Outcomes that a redirect back to /programmes announces (?done=…).
const std::set<std::string> kNotices = {"deleted", "joined", "left", "removed", "revoked"};

// The form as JSON; fields named in `lists` (checkboxes) gathered into arrays,
// present even when nothing was ticked.
json form_json(const std::string& body, const std::set<std::string>& lists) {
  json out = json::object();
  for (const auto& name : lists) out[name] = json::array();
  std::string_view s = body;
  while (!s.empty()) {
    auto amp = s.find('&');
    auto part = s.substr(0, amp);
    auto eq = part.find('=');
    if (eq != std::string_view::npos) {
      auto key = http::url_decode(part.substr(0, eq), true);
      auto value = http::url_decode(part.substr(eq + 1), true);
      if (lists.count(key) != 0) {
        out[key].push_back(value);
      } else if (key != "_csrf") {
        out[key] = value;
      }
    }
    if (amp == std::string_view::npos) break;
    s.remove_prefix(amp + 1);
  }
  return out;
}

json option(const std::string& value, const std::string& label, bool selected) {
  return {{"value", value}, {"label", label}, {"selected", selected}};
}

struct ListState {
  json form = json::object();
  json join = json::object();
  json errors = json::object();
  std::string new_code;
  int status = 200;
};

Response list_page(db::Database& db, const Request& req, const ListState& state) {
  auto page = http::Page::from(req);
  const auto& who = req.who();
  auto view = web::base_view(req);
  json rows = json::array();
  std::optional<std::string> next;
  {
    auto sql = db.lease();
    auto programmes = ProgrammeStore(*sql, who.tenant_id).page(page.after, page.limit);
    if (programmes.size() > static_cast<std::size_t>(page.limit)) {
      programmes.resize(static_cast<std::size_t>(page.limit));
      next = programmes.back().id;
    }
    for (const auto& p : programmes) rows.push_back(to_json(p, who.tenant_id));
    UmbrellaStore umbrella(*sql, who.tenant_id);
    json joined = json::array();
    for (const auto& m : umbrella.joined()) {
      joined.push_back(to_json(m));
      joined.back()["joined_date"] = m.joined_at.substr(0, 10);
    }
    view["joined"] = joined;
    view["has_joined"] = !joined.empty();
    if (umbrella.is_umbrella()) {
      view["is_umbrella"] = true;
      json members = json::array();
      for (const auto& m : umbrella.members()) {
        members.push_back(to_json(m));
        members.back()["joined_date"] = m.joined_at.substr(0, 10);
      }
      view["members"] = members;
      view["has_members"] = !members.empty();
      if (auto created = umbrella.join_code_created_at())
        view["code_created"] = created->substr(0, 10);
    }
  }
  view["programmes"] = rows;
  view["has_programmes"] = !rows.empty();
  if (next) view["next_url"] = "/programmes?cursor=" + *next;
  if (auto done = req.query_param("done"); done && kNotices.count(*done) != 0) {
    view["notice"] = web::t(req.locale, "programmes.done." + *done);
  }
  if (!state.new_code.empty()) view["new_code"] = state.new_code;
  view["form"] = state.form;
  view["join"] = state.join;
  view["errors"] = state.errors;
  return web::page(req, "programmes/list", view, {"programmes.title", "programmes", state.status});
}

struct ProgrammeState {
  json edit = nullptr;    // the edit form as typed
  json attach = nullptr;  // the attach form as typed
  json errors = json::object();
  std::map<std::string, std::string> group_typed;  // "clusters" → typed name
  std::map<std::string, std::string> group_errors;
  int status = 200;
};

std::string phase_name(const AttachedProject& a, const std::string& locale) {
  const auto* t = projects::find_template(a.template_key);
  const auto* ph = t ? t->phase(a.phase_key) : nullptr;
  return ph ? projects::localized(ph->name, locale) : a.phase_key;
}

json project_rows(const Request& req, const Programme& p, const std::vector<AttachedProject>& list,
                  const std::set<std::string>& detachable) {
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
         {"can_detach", detachable.count(a.project_id) != 0}});
  }
  return rows;
}

// Projects grouped by cluster, after the page's filters (?cluster=&track=&status=).
json grouped(const Request& req, const Programme& p, const std::vector<AttachedProject>& all,
             const std::set<std::string>& detachable) {
  auto cluster_filter = req.query_param("cluster").value_or("");
  auto track_filter = req.query_param("track").value_or("");
  auto status_filter = req.query_param("status").value_or("");
  std::vector<AttachedProject> shown;
  for (const auto& a : all) {
    if (!track_filter.empty() &&
        std::find(a.track_ids.begin(), a.track_ids.end(), track_filter) == a.track_ids.end())
      continue;
    if (!status_filter.empty() && a.status != status_filter) continue;
    shown.push_back(a);
  }
  json groups = json::array();
  auto add = [&](const std::string& key, const std::string& name,
                 const std::vector<AttachedProject>& members) {
    json rows = project_rows(req, p, members, detachable);
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
    if (!cluster_filter.empty() && cluster_filter != c.id) continue;
    std::vector<AttachedProject> members;
    for (const auto& a : shown) {
      if (a.cluster_id == c.id) members.push_back(a);
    }
    add(c.id, c.name, members);
  }
  std::vector<AttachedProject> loose;
  for (const auto& a : shown) {
    if (!a.cluster_id || cluster_ids.count(*a.cluster_id) == 0) loose.push_back(a);
  }
  if ((cluster_filter.empty() && !loose.empty()) || cluster_filter == "none") {
    add("none", web::t(req.locale, "no_cluster"), loose);
  }
  return groups;
}

Response programme_page(db::Database& db, const Request& req, const ProgrammeState& state) {
  const auto& who = req.who();
  Programme p;
  std::vector<AttachedProject> attached;
  std::vector<PortfolioRow> attachable;
  std::set<std::string> detachable;
  {
    auto sql = db.lease();
    ProgrammeStore store(*sql, who.tenant_id);
    p = store.get(req.param("id"));
    attached = store.projects(p);
    for (auto& r : PortfolioStore(*sql, who.tenant_id).rows()) {
      if (may_attach(*sql, who, r.id)) attachable.push_back(std::move(r));
    }
    for (const auto& a : attached) {
      if (may_manage(p, who) ||
          (a.tenant_id == who.tenant_id && may_attach(*sql, who, a.project_id)))
        detachable.insert(a.project_id);
    }
  }
  const std::string& loc = req.locale;
  auto view = web::base_view(req);
  view["programme"] = to_json(p, who.tenant_id);
  view["has_tracks"] = !p.tracks.empty();
  view["groups"] = grouped(req, p, attached, detachable);
  auto cluster_filter = req.query_param("cluster").value_or("");
  auto track_filter = req.query_param("track").value_or("");
  auto status_filter = req.query_param("status").value_or("");
  json filter_clusters = json::array();
  for (const auto& c : p.clusters)
    filter_clusters.push_back(option(c.id, c.name, c.id == cluster_filter));
  if (!p.clusters.empty())
    filter_clusters.push_back(option("none", web::t(loc, "no_cluster"), cluster_filter == "none"));
  json filter_tracks = json::array();
  for (const auto& t : p.tracks)
    filter_tracks.push_back(option(t.id, t.name, t.id == track_filter));
  json filter_statuses = json::array();
  for (const char* s : {"green", "yellow", "red"}) {
    filter_statuses.push_back(
        option(s, web::t(loc, std::string("project.status.") + s), s == status_filter));
  }
  view["filter_clusters"] = filter_clusters;
  view["filter_tracks"] = filter_tracks;
  view["filter_statuses"] = filter_statuses;

  // One form attaches a project or moves an attached one.
  json typed = state.attach.is_null() ? json::object() : state.attach;
  std::set<std::string> attached_ids;
  for (const auto& a : attached) attached_ids.insert(a.project_id);
  json projects = json::array();
  for (const auto& r : attachable) {
    std::string label = r.title;
    if (attached_ids.count(r.id) != 0) label += " (" + web::t(loc, "attached_already") + ")";
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

  if (may_manage(p, who)) {
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
  view["errors"] = state.errors;
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "programmes/programme", view,
                   {"programme.title", "programmes", state.status});
}

Programme visible(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return ProgrammeStore(*sql, req.who().tenant_id).get(req.param("id"));
}

std::string back_to(const Request& req) { return "/programmes/" + req.param("id") + "?saved=1"; }

void add_programme_forms(http::Router& router, db::Database& db) {
  router.add({"POST",
              "/programmes/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                require_manage(visible(db, req), req.who());
                json typed = form_json(req.body, {});
                try {
                  core::Input input(typed, true);
                  auto fields = parse_programme(input, false);
                  auto version = input.optional_int("version", 1, 1LL << 40);
                  if (!version) input.fail("version", "is required");
                  input.check();
                  auto sql = db.lease();
                  ProgrammeStore(*sql, req.who().tenant_id)
                      .update(&req.who(), req.param("id"), *version, fields);
                  return Response::redirect(back_to(req));
                } catch (const core::ValidationError& e) {
                  return programme_page(
                      db, req, {typed, nullptr, web::form_errors(req, e.fields()), {}, {}, 422});
                } catch (const core::Conflict& e) {
                  typed["version"] = std::to_string(e.current().value("version", 0LL));
                  return programme_page(db, req,
                                        {typed,
                                         nullptr,
                                         {{"_form", web::translate_message(req.locale, e.what())}},
                                         {},
                                         {},
                                         409});
                }
              },
              {"Change the programme from the form", "web"}});
  router.add({"POST",
              "/programmes/{id}/delete",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                ProgrammeStore store(*sql, req.who().tenant_id);
                require_manage(store.get(req.param("id")), req.who());
                store.remove(&req.who(), req.param("id"));
                return Response::redirect("/programmes?done=deleted");
              },
              {"Delete the programme from the form", "web"}});
  router.add({"POST",
              "/programmes/{id}/projects",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto p = visible(db, req);
                json typed = form_json(req.body, {"tracks"});
                try {
                  core::Input input(typed, true);
                  auto project_id = input.required_text("project_id", 64);
                  auto placement = parse_placement(input);
                  input.check();
                  auto sql = db.lease();
                  ProgrammeStore store(*sql, req.who().tenant_id);
                  auto existing = store.attached(p, project_id);
                  if (existing && existing->tenant_id == req.who().tenant_id) {
                    require_placement(*sql, req.who(), p, *existing);
                    store.place(&req.who(), p, project_id, placement);
                  } else {
                    require_attach(*sql, req.who(), project_id);
                    store.attach(&req.who(), p, project_id, placement);
                  }
                  return Response::redirect(back_to(req) + "#projects-heading");
                } catch (const core::ValidationError& e) {
                  return programme_page(
                      db, req, {nullptr, typed, web::form_errors(req, e.fields()), {}, {}, 422});
                }
              },
              {"Attach a project or move it from the form", "web"}});
  router.add({"POST",
              "/programmes/{id}/projects/{project_id}/detach",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                ProgrammeStore store(*sql, req.who().tenant_id);
                auto p = store.get(req.param("id"));
                auto a = store.attached(p, req.param("project_id"));
                if (!a) throw core::NotFound("the project is not in the programme");
                require_placement(*sql, req.who(), p, *a);
                store.detach(&req.who(), p, a->project_id);
                return Response::redirect(back_to(req) + "#projects-heading");
              },
              {"Take a project out of the programme from the form", "web"}});
  for (const std::string kind : {"clusters", "tracks"}) {
    GroupKind group_kind = kind == "clusters" ? GroupKind::kCluster : GroupKind::kTrack;
    router.add(
        {"POST",
         "/programmes/{id}/" + kind,
         Access::kAuthenticated,
         [&db, kind, group_kind](Request& req) {
           auto p = visible(db, req);
           require_manage(p, req.who());
           auto form = req.form();
           try {
             auto input = core::Input::from_form(form);
             auto name = parse_group_name(input);
             input.check();
             auto sql = db.lease();
             ProgrammeStore(*sql, req.who().tenant_id).add_group(&req.who(), p, group_kind, name);
             return Response::redirect(back_to(req) + "#" + kind + "-heading");
           } catch (const core::ValidationError& e) {
             ProgrammeState state;
             state.group_typed[kind] = form["name"];
             state.group_errors[kind] =
                 web::translate_message(req.locale, e.fields().begin()->second);
             state.status = 422;
             return programme_page(db, req, state);
           }
         },
         {"Add a cluster or track from the form", "web"}});
    router.add({"POST",
                "/programmes/{id}/" + kind + "/{group_id}/delete",
                Access::kAuthenticated,
                [&db, kind, group_kind](Request& req) {
                  auto sql = db.lease();
                  ProgrammeStore store(*sql, req.who().tenant_id);
                  auto p = store.get(req.param("id"));
                  const auto& groups = group_kind == GroupKind::kCluster ? p.clusters : p.tracks;
                  auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
                    return g.id == req.param("group_id");
                  });
                  if (it == groups.end())
                    throw core::NotFound("no such cluster or track in the programme");
                  require_manage(p, req.who());
                  store.remove_group(&req.who(), p, group_kind, it->id);
                  return Response::redirect(back_to(req) + "#" + kind + "-heading");
                },
                {"Remove a cluster or track from the form", "web"}});
  }
}

void add_umbrella_forms(http::Router& router, db::Database& db) {
  router.add({"POST",
              "/umbrella/join",
              Access::kAdmin,
              [&db](Request& req) {
                auto form = req.form();
                json typed = {{"join_code", form["join_code"]}};
                try {
                  auto input = core::Input::from_form(form);
                  auto code = input.required_text("join_code", 100);
                  input.check();
                  auto sql = db.lease();
                  UmbrellaStore(*sql, req.who().tenant_id).join(&req.who(), code);
                  return Response::redirect("/programmes?done=joined");
                } catch (const core::ValidationError& e) {
                  ListState state;
                  state.join = typed;
                  state.errors = web::form_errors(req, e.fields());
                  state.status = 422;
                  return list_page(db, req, state);
                } catch (const core::Conflict& e) {
                  ListState state;
                  state.join = typed;
                  state.errors = {{"join_code", web::translate_message(req.locale, e.what())}};
                  state.status = 409;
                  return list_page(db, req, state);
                }
              },
              {"Join an umbrella organisation from the form", "web"}});
  router.add(
      {"POST",
       "/umbrella/leave/{umbrella_id}",
       Access::kAdmin,
       [&db](Request& req) {
         auto sql = db.lease();
         UmbrellaStore(*sql, req.who().tenant_id).leave(&req.who(), req.param("umbrella_id"));
         return Response::redirect("/programmes?done=left");
       },
       {"Leave an umbrella organisation from the form", "web"}});
  router.add(
      {"POST",
       "/umbrella/members/{tenant_id}/remove",
       Access::kAdmin,
       [&db](Request& req) {
         auto sql = db.lease();
         UmbrellaStore(*sql, req.who().tenant_id).remove_member(&req.who(), req.param("tenant_id"));
         return Response::redirect("/programmes?done=removed");
       },
       {"Remove a member organisation from the form", "web"}});
  router.add({"POST",
              "/umbrella/join-code",
              Access::kAdmin,
              [&db](Request& req) {
                ListState state;
                {
                  auto sql = db.lease();
                  state.new_code =
                      UmbrellaStore(*sql, req.who().tenant_id).new_join_code(&req.who());
                }
                return list_page(db, req, state);
              },
              {"Make a new join code and show it once", "web"}});
  router.add({"POST",
              "/umbrella/join-code/revoke",
              Access::kAdmin,
              [&db](Request& req) {
                auto sql = db.lease();
                UmbrellaStore(*sql, req.who().tenant_id).revoke_join_code(&req.who());
                return Response::redirect("/programmes?done=revoked");
              },
              {"Revoke the join code from the form", "web"}});
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  router.add({"GET",
              "/programmes",
              Access::kAuthenticated,
              [&db](Request& req) { return list_page(db, req, {}); },
              {"Programmes", "web"}});
  router.add({"POST",
              "/programmes",
              Access::kAdmin,
              [&db](Request& req) {
                json typed = form_json(req.body, {});
                try {
                  core::Input input(typed, true);
                  auto fields = parse_programme(input, true);
                  input.check();
                  auto sql = db.lease();
                  auto p = ProgrammeStore(*sql, req.who().tenant_id).create(&req.who(), fields);
                  return Response::redirect("/programmes/" + p.id);
                } catch (const core::ValidationError& e) {
                  ListState state;
                  state.form = typed;
                  state.errors = web::form_errors(req, e.fields());
                  state.status = 422;
                  return list_page(db, req, state);
                }
              },
              {"Create a programme from the form", "web"}});
  router.add({"GET",
              "/programmes/{id}",
              Access::kAuthenticated,
              [&db](Request& req) { return programme_page(db, req, {}); },
              {"Programme: its projects by cluster", "web"}});
  add_programme_forms(router, db);
  add_umbrella_forms(router, db);
}

}  // namespace programmes
