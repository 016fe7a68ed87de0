// The forms of one programme's page: change or delete the programme, attach, move or take
// out a project, add or remove a cluster or track. A refused form shows the page again.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "kit/pages.hpp"
#include "programmes/programme_access.hpp"
#include "programmes/programme_pages.hpp"
#include "programmes/programme_store.hpp"
#include "web/i18n.hpp"

namespace programmes::pages {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Programme visible(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return ProgrammeStore(*sql, req.who().tenant_id).get(req.param("id"));
}

std::string back_to(const Request& req) { return "/programmes/" + req.param("id") + "?saved=1"; }

Response save_programme(db::Database& db, const Request& req) {
  require_manage(visible(db, req), req.who());
  json typed = http::form_json(req.body, {});
  return kit::form_post(
      req,
      [&] {
        core::Input input(typed, true);
        auto version = input.optional_int("version", 1, 1LL << 40);
        if (!version) input.fail("version", "is required");
        auto sql = db.lease();
        ProgrammeStore store(*sql, req.who().tenant_id);
        auto changed = programme_fields().apply(input, store.get(req.param("id")));
        store.update(&req.who(), changed, *version);
        return Response::redirect(back_to(req));
      },
      [&](const kit::FormRefusal& refused) {
        // After a conflict the next save goes against the version now stored.
        if (refused.status == 409)
          typed["version"] = std::to_string(refused.current.value("version", 0LL));
        return programme_page(db, req, {typed, nullptr, refused.errors, {}, {}, refused.status});
      });
}

// Attaches a project of the caller's tenant, or moves it when it is attached already.
Response delete_programme(db::Database& db, const Request& req) {
  auto sql = db.lease();
  ProgrammeStore store(*sql, req.who().tenant_id);
  require_manage(store.get(req.param("id")), req.who());
  store.remove(&req.who(), req.param("id"));
  return Response::redirect("/programmes?done=deleted");
}

Response place_project(db::Database& db, const Request& req) {
  auto p = visible(db, req);
  json typed = http::form_json(req.body, {"tracks"});
  return kit::form_post(
      req,
      [&] {
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
      },
      [&](const kit::FormRefusal& refused) {
        return programme_page(db, req, {nullptr, typed, refused.errors, {}, {}, refused.status});
      });
}

Response detach_project(db::Database& db, const Request& req) {
  auto sql = db.lease();
  ProgrammeStore store(*sql, req.who().tenant_id);
  auto p = store.get(req.param("id"));
  auto a = store.attached(p, req.param("project_id"));
  if (!a) throw core::NotFound("the project is not in the programme");
  require_placement(*sql, req.who(), p, *a);
  store.detach(&req.who(), p, a->project_id);
  return Response::redirect(back_to(req) + "#projects-heading");
}

Response add_group(db::Database& db, const Request& req, const std::string& kind) {
  auto p = visible(db, req);
  require_manage(p, req.who());
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        auto name = parse_group_name(input);
        auto sql = db.lease();
        ProgrammeStore(*sql, req.who().tenant_id)
            .add_group(&req.who(), p, kind == "clusters" ? GroupKind::kCluster : GroupKind::kTrack,
                       name);
        return Response::redirect(back_to(req) + "#" + kind + "-heading");
      },
      [&](const kit::FormRefusal& refused) {
        ProgrammeState state;
        state.group_typed[kind] = form["name"];
        state.group_errors[kind] = refused.errors.begin().value().get<std::string>();
        state.status = refused.status;
        return programme_page(db, req, state);
      });
}

Response remove_group(db::Database& db, const Request& req, const std::string& kind) {
  auto sql = db.lease();
  ProgrammeStore store(*sql, req.who().tenant_id);
  auto p = store.get(req.param("id"));
  const auto& groups = kind == "clusters" ? p.clusters : p.tracks;
  auto it = std::find_if(groups.begin(), groups.end(),
                         [&](const Group& g) { return g.id == req.param("group_id"); });
  if (it == groups.end()) throw core::NotFound("no such cluster or track in the programme");
  require_manage(p, req.who());
  store.remove_group(&req.who(), p, kind == "clusters" ? GroupKind::kCluster : GroupKind::kTrack,
                     it->id);
  return Response::redirect(back_to(req) + "#" + kind + "-heading");
}

}  // namespace

void add_programme_forms(http::Router& router, db::Database& db) {
  std::vector<kit::PageRoute> routes = {
      {"POST", "/programmes/{id}", save_programme, "Change the programme from the form"},
      {"POST", "/programmes/{id}/delete", delete_programme, "Delete the programme from the form"},
      {"POST", "/programmes/{id}/projects", place_project,
       "Attach a project or move it from the form"},
      {"POST", "/programmes/{id}/projects/{project_id}/detach", detach_project,
       "Take a project out of the programme from the form"}};
  for (const std::string kind : {"clusters", "tracks"}) {
    routes.push_back(
        {"POST", "/programmes/{id}/" + kind,
         [kind](db::Database& db, const Request& req) { return add_group(db, req, kind); },
         "Add a cluster or track from the form"});
    routes.push_back(
        {"POST", "/programmes/{id}/" + kind + "/{group_id}/delete",
         [kind](db::Database& db, const Request& req) { return remove_group(db, req, kind); },
         "Remove a cluster or track from the form"});
  }
  kit::add_page_routes(router, db, std::move(routes));
}

}  // namespace programmes::pages
