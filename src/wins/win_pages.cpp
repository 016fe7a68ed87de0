// The wins log: a section of the project page and a page with the whole log and its form.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "projects/project_access.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"
#include "wins/win_routes.hpp"
#include "wins/win_store.hpp"

namespace wins {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

constexpr std::size_t kSectionWins = 5;

bool may(soci::session& sql, const Request& req, const std::string& project_id,
         ProjectRight right) {
  try {
    projects::require_right(sql, req.who(), project_id, right);
    return true;
  } catch (const core::Forbidden&) {
    return false;
  }
}

json win_rows(const Request& req, const std::vector<Win>& wins, std::size_t limit) {
  json rows = json::array();
  for (const auto& w : wins) {
    if (rows.size() >= limit) break;
    json row = to_json(w);
    row["kind_label"] = web::t(req.locale, "win_kind_" + w.kind);
    row["delete_url"] = "/projects/" + w.project_id + "/wins/" + w.id + "/delete";
    rows.push_back(row);
  }
  return rows;
}

json kind_options(const Request& req, const std::string& selected) {
  json out = json::array();
  for (const auto& k : kKinds)
    out.push_back({{"value", k},
                   {"label", web::t(req.locale, "win_kind_" + k)},
                   {"selected", k == selected}});
  return out;
}

Response wins_page(db::Database& db, const Request& req, json form, const json& errors,
                   int status) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
  auto p = projects::ProjectStore(*sql, req.who().tenant_id).get(req.param("id"));
  view["project"] = {{"id", p.id}, {"title", p.title}};
  auto wins = WinStore(*sql, req.who().tenant_id).of_project(p.id);
  view["wins"] = win_rows(req, wins, wins.size());
  view["has_wins"] = !wins.empty();
  view["may_edit"] = may(*sql, req, p.id, ProjectRight::kEdit);
  if (form.is_null()) form = {{"text", ""}, {"kind", "other"}, {"happened_on", ""}, {"link", ""}};
  view["form"] = form;
  view["errors"] = errors;
  view["kind_options"] = kind_options(req, form.value("kind", "other"));
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "wins/log", view, {"win_log_title", "projects", status});
}

Response save_win(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = json::object();
  for (const char* k : {"text", "kind", "happened_on", "link"})
    typed[k] = form.count(k) ? form.at(k) : "";
  try {
    auto sql = db.lease();
    projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
    json in = typed;
    if (in["kind"] == "") in.erase("kind");
    core::Input input(in, true);
    auto w = parse_win(input);
    input.check();
    WinStore(*sql, req.who().tenant_id).create(&req.who(), req.param("id"), w);
  } catch (const core::ValidationError& e) {
    return wins_page(db, req, typed, web::form_errors(req, e.fields()), 422);
  }
  return Response::redirect("/projects/" + req.param("id") + "/wins?saved=1");
}

Response delete_win(db::Database& db, const Request& req) {
  auto sql = db.lease();
  WinStore store(*sql, req.who().tenant_id);
  auto w = store.get(req.param("win"));
  if (w.project_id != req.param("id")) throw core::NotFound("no win with id " + w.id);
  projects::require_right(*sql, req.who(), w.project_id, ProjectRight::kEdit);
  store.remove(&req.who(), w.id);
  return Response::redirect("/projects/" + w.project_id + "/wins?saved=1");
}

}  // namespace

projects::PageSection project_page_section() {
  return [](soci::session& sql, const Request& req, const std::string& project_id) {
    auto view = web::base_view(req);
    view["project_id"] = project_id;
    auto wins = WinStore(sql, req.who().tenant_id).of_project(project_id);
    view["wins"] = win_rows(req, wins, kSectionWins);
    view["has_wins"] = !wins.empty();
    view["count"] = wins.size();
    view["may_edit"] = may(sql, req, project_id, ProjectRight::kEdit);
    return web::render_template("wins/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  router.add({"GET",
              "/projects/{id}/wins",
              Access::kAuthenticated,
              [&db](Request& req) { return wins_page(db, req, nullptr, json::object(), 200); },
              {"The project's wins log", "web"}});
  router.add({"POST",
              "/projects/{id}/wins",
              Access::kAuthenticated,
              [&db](Request& req) { return save_win(db, req); },
              {"Record a win from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/wins/{win}/delete",
              Access::kAuthenticated,
              [&db](Request& req) { return delete_win(db, req); },
              {"Remove a win", "web"}});
}

}  // namespace wins
