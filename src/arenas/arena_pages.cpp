// The arena list (filtered by status) with the form that starts an arena.
#include "arenas/arena_routes.hpp"
#include "arenas/arena_store.hpp"
#include "arenas/arena_view.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "web/render.hpp"

namespace arenas {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::string status_filter(const Request& req) {
  auto status = req.query_param("status").value_or("");
  return std::find(kStatuses.begin(), kStatuses.end(), status) == kStatuses.end() ? "" : status;
}

// One page of the tenant's arenas (`?status=`, `?cursor=`) into `view`.
void add_page_of_arenas(soci::session& sql, const Request& req, json& view) {
  const auto& who = req.who();
  auto page = http::Page::from(req);
  const auto filter = status_filter(req);
  auto found = ArenaStore(sql, who.tenant_id).list(page, filter);
  if (found.size() > static_cast<std::size_t>(page.limit)) {
    found.resize(static_cast<std::size_t>(page.limit));
    std::string next = "/arenas?status=";
    next.append(filter).append("&cursor=").append(found.back().id);
    view["next_url"] = next;
  }
  json rows = json::array();
  for (const auto& a : found) rows.push_back(list_row(a, req.locale, who.today()));
  view["arenas"] = rows;
  view["has_arenas"] = !found.empty();
  view["status_options"] = status_options(req.locale, filter, true);
}

Response list_page(db::Database& db, const Request& req, json form, const json& errors,
                   int status) {
  auto sql = db.lease();
  const auto& who = req.who();
  auto view = web::base_view(req);
  add_page_of_arenas(*sql, req, view);
  view["may_create"] = may_create(*sql, who);
  if (form.is_null())
    form = {{"title", ""},
            {"goal", ""},
            {"leader_id", who.person_id},
            {"starts_on", who.today()},
            {"ends_on", ""},
            {"member_ids", json::array()}};
  view["team_fields"] =
      team_fields_html(req.locale, "arena", form, errors, team_choices(*sql, who.tenant_id, form));
  view["form"] = form;
  view["errors"] = errors;
  return web::page(req, "arenas/list", view, {"arena_list_title", "arenas", status});
}

Response create_arena(db::Database& db, const Request& req) {
  const json typed = typed_arena(req.form());
  return kit::form_post(
      req,
      [&] {
        auto sql = db.lease();
        core::Input input(typed, true);
        auto fields = arena_fields().parse_new(input);
        auto made = ArenaStore(*sql, req.who().tenant_id).create(&req.who(), fields);
        return Response::redirect("/arenas/" + made.id + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return list_page(db, req, typed, refused.errors, refused.status);
      });
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/arenas",
                         [](db::Database& db, const Request& req) {
                           return list_page(db, req, nullptr, json::object(), 200);
                         },
                         "The organisation's agile arenas (?status=)"},
                        {"POST", "/arenas", create_arena, "Start an agile arena from the form"}});
  add_arena_pages(router, db);
}

}  // namespace arenas
