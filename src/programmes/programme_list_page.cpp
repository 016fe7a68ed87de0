// The programmes page (/programmes): the programmes the caller's tenant sees, its umbrella
// memberships and, for an umbrella organisation, its members and join code; the create,
// join and membership forms that come back to it.
#include <set>

#include "core/input.hpp"
#include "http/paging.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "programmes/programme_pages.hpp"
#include "programmes/programme_routes.hpp"
#include "programmes/programme_store.hpp"
#include "programmes/umbrella_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace programmes {
namespace pages {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json option(const std::string& value, const std::string& label, bool selected) {
  return {{"value", value}, {"label", label}, {"selected", selected}};
}

namespace {

// Outcomes that a redirect back to /programmes announces (?done=…).
const std::set<std::string> kNotices = {"deleted", "joined", "left", "removed", "revoked"};

json memberships(const std::vector<Membership>& list) {
  json out = json::array();
  for (const auto& m : list) {
    out.push_back(to_json(m));
    out.back()["joined_date"] = m.joined_at.substr(0, 10);
  }
  return out;
}

// The umbrellas joined and, for an umbrella, its members and when its code was made.
void umbrella_view(json& view, UmbrellaStore& umbrella) {
  view["joined"] = memberships(umbrella.joined());
  view["has_joined"] = !view["joined"].empty();
  if (!umbrella.is_umbrella()) return;
  view["is_umbrella"] = true;
  view["members"] = memberships(umbrella.members());
  view["has_members"] = !view["members"].empty();
  if (auto created = umbrella.join_code_created_at()) view["code_created"] = created->substr(0, 10);
}

}  // namespace

Response list_page(db::Database& db, const Request& req, const ListState& state) {
  auto page = http::Page::from(req);
  auto view = web::base_view(req);
  json rows = json::array();
  {
    auto sql = db.lease();
    for (const auto& p : ProgrammeStore(*sql, req.who().tenant_id).list(page))
      rows.push_back(to_json(p, req.who().tenant_id));
    UmbrellaStore umbrella(*sql, req.who().tenant_id);
    umbrella_view(view, umbrella);
  }
  auto body = http::page_body(std::move(rows), page);
  view["programmes"] = body["items"];
  view["has_programmes"] = !body["items"].empty();
  if (!body["next_cursor"].is_null())
    view["next_url"] = "/programmes?cursor=" + body["next_cursor"].get<std::string>();
  if (auto done = req.query_param("done"); done && kNotices.count(*done) != 0) {
    view["notice"] = web::t(req.locale, "programmes.done." + *done);
  }
  if (!state.new_code.empty()) view["new_code"] = state.new_code;
  view["form"] = state.form;
  view["join"] = state.join;
  view["errors"] = state.errors;
  return web::page(req, "programmes/list", view, {"programmes.title", "programmes", state.status});
}

namespace {

Response create_programme(db::Database& db, const Request& req) {
  json typed = http::form_json(req.body, {});
  return kit::form_post(
      req,
      [&] {
        core::Input input(typed, true);
        auto fresh = parse_new_programme(input);
        auto sql = db.lease();
        auto p = ProgrammeStore(*sql, req.who().tenant_id).create(&req.who(), fresh);
        return Response::redirect("/programmes/" + p.id);
      },
      [&](const kit::FormRefusal& refused) {
        return list_page(db, req, {typed, json::object(), refused.errors, "", refused.status});
      });
}

Response join_umbrella(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = {{"join_code", form["join_code"]}};
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        auto code = input.required_text("join_code", 100);
        input.check();
        auto sql = db.lease();
        UmbrellaStore(*sql, req.who().tenant_id).join(&req.who(), code);
        return Response::redirect("/programmes?done=joined");
      },
      [&](const kit::FormRefusal& refused) {
        // Refusals of a join concern the code, so they are shown beside it.
        json errors = refused.errors;
        if (errors.contains("_form")) errors = {{"join_code", errors["_form"]}};
        return list_page(db, req, {json::object(), typed, errors, "", refused.status});
      });
}

Response new_join_code(db::Database& db, const Request& req) {
  ListState state;
  {
    auto sql = db.lease();
    state.new_code = UmbrellaStore(*sql, req.who().tenant_id).new_join_code(&req.who());
  }
  return list_page(db, req, state);
}

// A membership change from the list page, answered by a redirect announcing `done`.
kit::PageRoute membership_form(std::string path, std::string done, std::string summary,
                               void (*change)(UmbrellaStore&, const Request&)) {
  return {"POST", std::move(path),
          kit::with_store<UmbrellaStore>(
              [done = std::move(done), change](UmbrellaStore& store, const Request& req) {
                change(store, req);
                return Response::redirect("/programmes?done=" + done);
              }),
          std::move(summary), Access::kAdmin};
}

}  // namespace

void add_umbrella_forms(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"POST", "/umbrella/join", join_umbrella, "Join an umbrella organisation from the form",
        Access::kAdmin},
       membership_form("/umbrella/leave/{umbrella_id}", "left",
                       "Leave an umbrella organisation from the form",
                       [](UmbrellaStore& s, const Request& req) {
                         s.leave(&req.who(), req.param("umbrella_id"));
                       }),
       membership_form("/umbrella/members/{tenant_id}/remove", "removed",
                       "Remove a member organisation from the form",
                       [](UmbrellaStore& s, const Request& req) {
                         s.remove_member(&req.who(), req.param("tenant_id"));
                       }),
       {"POST", "/umbrella/join-code", new_join_code, "Make a new join code and show it once",
        Access::kAdmin},
       membership_form(
           "/umbrella/join-code/revoke", "revoked", "Revoke the join code from the form",
           [](UmbrellaStore& s, const Request& req) { s.revoke_join_code(&req.who()); })});
}

}  // namespace pages

void add_pages(http::Router& router, db::Database& db, pages::ProjectRollup rollup) {
  using http::Request;
  pages::use_rollup(std::move(rollup));
  kit::add_page_routes(
      router, db,
      {{"GET", "/programmes",
        [](db::Database& db, const Request& req) { return pages::list_page(db, req, {}); },
        "Programmes"},
       {"POST", "/programmes", pages::create_programme, "Create a programme from the form",
        http::Access::kAdmin},
       {"GET", "/programmes/{id}",
        [](db::Database& db, const Request& req) { return pages::programme_page(db, req, {}); },
        "Programme: its projects by cluster"}});
  pages::add_programme_forms(router, db);
  pages::add_umbrella_forms(router, db);
}

}  // namespace programmes
