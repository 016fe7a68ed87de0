// The wins log: a section of the project page and a page with the whole log and its form.
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"
#include "wins/win_routes.hpp"
#include "wins/win_store.hpp"

namespace wins {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

constexpr std::size_t kSectionWins = 5;

json win_rows(const Request& req, const std::vector<Win>& wins, std::size_t limit) {
  json rows = json::array();
  for (const auto& w : wins) {
    if (rows.size() >= limit) break;
    json row = to_json(for_reader(w, req.locale));
    // A link stored before the rules were tightened is shown as text, not followed.
    if (w.link && !core::is_safe_link(*w.link)) row["link"] = nullptr;
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
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  const auto& p = scope.project();
  auto view = kit::project_view(req, scope, "adoption");
  auto wins = WinStore(*sql, req.who().tenant_id).of_project(p.id);
  view["wins"] = win_rows(req, wins, wins.size());
  view["has_wins"] = !wins.empty();
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  if (form.is_null()) form = {{"text", ""}, {"kind", "other"}, {"happened_on", ""}, {"link", ""}};
  view["form"] = form;
  view["errors"] = errors;
  view["kind_options"] = kind_options(req, form.value("kind", "other"));
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "wins/log", view, {"win_log_title", "projects", status});
}

Response save_win(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = kit::typed_fields(form, {"text", "kind", "happened_on", "link"});
  return kit::project_form_post(
      db, req, ProjectRight::kEdit,
      [&](const kit::ProjectScope& scope) {
        auto input = core::Input::from_form(form);
        auto w = win_fields().parse_new(input);
        WinStore(scope.sql(), scope.tenant_id()).create(&req.who(), scope.project().id, w);
        return Response::redirect("/projects/" + req.param("id") + "/wins?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return wins_page(db, req, typed, refused.errors, refused.status);
      });
}

Response delete_win(db::Database& db, const Request& req) {
  auto w =
      kit::remove_in_project<Win, WinStore>(db, req, "win", "no win with id " + req.param("win"));
  return Response::redirect("/projects/" + w.project_id + "/wins?saved=1");
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto card = WinStore(scope.sql(), scope.tenant_id()).card(scope.checked(), kSectionWins);
    view["wins"] = win_rows(req, card.newest, kSectionWins);
    view["has_wins"] = card.count > 0;
    view["count"] = card.count;
    view["may_edit"] = scope.may(ProjectRight::kEdit);
    return web::render_template("wins/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/projects/{id}/wins",
                         [](db::Database& db, const Request& req) {
                           return wins_page(db, req, nullptr, json::object(), 200);
                         },
                         "The project's wins log"},
                        {"POST", "/projects/{id}/wins", save_win, "Record a win from the form"},
                        {"POST", "/projects/{id}/wins/{win}/delete", delete_win, "Remove a win"}});
}

}  // namespace wins
