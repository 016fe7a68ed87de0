// One arena's page: the team and the units it covers, the pulse programme as a step
// indicator with each step's checklist, the log, and the forms that change it (edit,
// tick an item, write down what was tried, grow into a project).
#include "arenas/arena_growth.hpp"
#include "arenas/arena_routes.hpp"
#include "arenas/arena_store.hpp"
#include "arenas/arena_view.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "projects/template_store.hpp"
#include "web/render.hpp"

namespace arenas {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// What the forms show again after a refused post: `<form>` typed values and
// `<form>_errors` for the form that was posted (edit, log, grow).
json refused_form(const std::string& form, json typed, const kit::FormRefusal& refused) {
  if (refused.status == 409 && refused.current.is_object() && refused.current.contains("version"))
    typed["version"] = std::to_string(refused.current["version"].get<long long>());
  return {{form, std::move(typed)}, {form + "_errors", refused.errors}};
}

json edit_form(const Arena& a) {
  json form = arena_fields().form_values(a);
  form["version"] = std::to_string(a.version);
  return form;
}

json template_options(soci::session& sql, const Request& req, const std::string& selected) {
  json out = json::array();
  for (const auto& t : projects::TemplateStore(sql, req.who().tenant_id).all())
    out.push_back({{"value", t.method.key},
                   {"label", projects::localized(t.method.name, req.locale)},
                   {"selected", t.method.key == selected}});
  return out;
}

Response arena_page(db::Database& db, const Request& req, const json& forms, int status) {
  auto sql = db.lease();
  const auto& who = req.who();
  auto a = ArenaStore(*sql, who.tenant_id).get(req.param("id"));
  auto view = web::base_view(req);
  view["arena"] = arena_detail(a, req.locale, who.today(), may_work(a, who));
  view["may_edit"] = may_edit(a, who);
  view["may_work"] = may_work(a, who);
  view["saved"] = req.query_param("saved").has_value();
  json edit = forms.contains("edit") ? forms["edit"] : edit_form(a);
  view["team_fields"] =
      team_fields_html(req.locale, "edit", edit, forms.value("edit_errors", json::object()),
                       team_choices(*sql, who.tenant_id, edit));
  view["status_options"] = status_options(req.locale, edit.value("status", a.status));
  view["edit"] = edit;
  view["log_form"] = forms.value("log", json{{"tried", ""}, {"result", ""}, {"logged_on", ""}});
  json grow = forms.value("grow", json{{"template", ""}});
  view["template_options"] = template_options(*sql, req, grow.value("template", ""));
  for (const char* k : {"edit_errors", "log_errors", "grow_errors"})
    view[k] = forms.value(k, json::object());
  return web::page(req, "arenas/arena", view, {"arena_title", "arenas", status});
}

// A form posted on the arena `{id}`: loaded with `right` (NotFound and Forbidden answer as
// error pages), then `write` stores and redirects, or the page shows `form` again.
template <typename Write>
Response arena_form(db::Database& db, const Request& req, ArenaRight right, const std::string& form,
                    const json& typed, Write write) {
  return kit::form_post_on(
      db, req,
      [&](soci::session& sql) {
        ArenaStore store(sql, req.who().tenant_id);
        return require_arena(store, req.param("id"), req.who(), right);
      },
      write,
      [&](soci::session&, const kit::FormRefusal& refused) {
        return arena_page(db, req, refused_form(form, typed, refused), refused.status);
      });
}

Response save_arena(db::Database& db, const Request& req) {
  const json typed = typed_arena(req.form());
  return arena_form(db, req, ArenaRight::kEdit, "edit", typed,
                    [&](soci::session& sql, const Arena& current) {
                      core::Input input(typed, true);
                      auto changed = arena_fields().apply(input, current);
                      long long version = http::required_version(req, typed);
                      ArenaStore(sql, req.who().tenant_id).update(&req.who(), changed, version);
                      return Response::redirect("/arenas/" + current.id + "?saved=1");
                    });
}

Response save_log(db::Database& db, const Request& req) {
  const json typed = kit::typed_fields(req.form(), {"tried", "result", "logged_on"});
  return arena_form(
      db, req, ArenaRight::kWork, "log", typed, [&](soci::session& sql, const Arena& arena) {
        core::Input input(typed, true);
        ArenaStore(sql, req.who().tenant_id).add_log(&req.who(), arena.id, parse_log(input));
        return Response::redirect("/arenas/" + arena.id + "?saved=1#log");
      });
}

Response grow(db::Database& db, const Request& req) {
  const json typed = kit::typed_fields(req.form(), {"template"});
  return arena_form(db, req, ArenaRight::kEdit, "grow", typed,
                    [&](soci::session& sql, const Arena& arena) {
                      core::Input input(typed, true);
                      auto project = grow_into_project(sql, req.who(), arena, input);
                      return Response::redirect("/projects/" + project.id);
                    });
}

Response tick(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  ArenaStore store(*sql, req.who().tenant_id);
  auto a = require_arena(store, req.param("id"), req.who(), ArenaRight::kWork);
  store.tick(&req.who(), a.id, req.param("item"), form["done"] == "1");
  return Response::redirect("/arenas/" + a.id + "#item-" + req.param("item"));
}

}  // namespace

void add_arena_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/arenas/{id}",
                         [](db::Database& db, const Request& req) {
                           return arena_page(db, req, json::object(), 200);
                         },
                         "An agile arena: team, pulse steps, log"},
                        {"POST", "/arenas/{id}", save_arena, "Change an arena from the form"},
                        {"POST", "/arenas/{id}/items/{item}", tick, "Tick or untick a pulse item"},
                        {"POST", "/arenas/{id}/log", save_log, "Write down what the arena tried"},
                        {"POST", "/arenas/{id}/grow", grow, "Grow the arena into a project"}});
}

}  // namespace arenas
