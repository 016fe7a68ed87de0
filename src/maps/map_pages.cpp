// Workflow-map pages: the project's maps with the comparison, the editor
// (bpmn-js), versions, and the print view.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "maps/map_input.hpp"
#include "maps/map_routes.hpp"
#include "maps/map_store.hpp"
#include "maps/map_view.hpp"
#include "org/unit_store.hpp"
#include "projects/project_access.hpp"
#include "projects/project_store.hpp"
#include "web/assets.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace maps {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

json kind_view(const Request& req, const std::string& kind) {
  return {{"value", kind}, {"label", web::t(req.locale, "map.kind." + kind)}};
}

json options(const Request& req, const std::vector<std::string>& values,
             const std::string& prefix) {
  json out = json::array();
  for (const auto& v : values)
    out.push_back({{"value", v}, {"label", web::t(req.locale, prefix + v)}});
  return out;
}

struct ProjectContext {
  projects::Project project;
  bool may_map = false;
};

ProjectContext project_context(soci::session& sql, const Request& req) {
  ProjectContext c;
  c.project = projects::ProjectStore(sql, req.who().tenant_id).get(req.param("id"));
  c.may_map = projects::may(req.who(), projects::roles_of(sql, req.who(), c.project.id),
                            ProjectRight::kMap);
  return c;
}

// The map of the URL, which must belong to the project of the URL.
MapInfo map_in_project(MapStore& store, const Request& req) {
  auto m = store.get(req.param("map"));
  if (m.project_id != req.param("id")) throw core::NotFound("no such map in this project");
  return m;
}

Response maps_page(db::Database& db, const Request& req, const json& form, const json& errors,
                   int status) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  auto ctx = project_context(*sql, req);
  MapStore store(*sql, req.who().tenant_id);
  json rows = json::array();
  bool has_as_is = false;
  for (const auto& m : store.list(ctx.project.id)) {
    auto metrics = store.metrics(m.id);
    has_as_is = has_as_is || m.kind == "as_is";
    rows.push_back({{"id", m.id},
                    {"title", m.title},
                    {"kind", kind_view(req, m.kind)},
                    {"version", m.version},
                    {"updated_at", m.updated_at.substr(0, 10)},
                    {"steps", metrics.value("steps", 0)},
                    {"handovers", metrics.value("handovers", 0)}});
  }
  auto comparison = store.comparison(ctx.project.id);
  view["project"] = {{"id", ctx.project.id}, {"title", ctx.project.title}};
  view["maps"] = rows;
  view["has_maps"] = !rows.empty();
  json table = web::base_view(req);
  table["project_id"] = ctx.project.id;
  table["comparison"] = comparison_rows(req, comparison);
  table["has_comparison"] = !comparison["rows"].empty();
  // One template for the table, here and on the project page (via htmx).
  view["comparison_html"] = web::render_template("maps/comparison", table);
  view["may_map"] = ctx.may_map;
  view["has_as_is"] = has_as_is;
  view["form"] = form;
  view["errors"] = errors;
  return web::page(req, "maps/list", view, {"maps.title", "projects", status});
}

// One template for the figures, in the editor and refreshed after each save.
std::string metrics_html(const Request& req, const json& metrics) {
  json view = web::base_view(req);
  view["metrics"] = metric_rows(req, metrics);
  return web::render_template("maps/metrics", view);
}

Response editor_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  auto ctx = project_context(*sql, req);
  MapStore store(*sql, req.who().tenant_id);
  auto m = map_in_project(store, req);
  json ideas = store.ideas(m.id);
  for (auto& i : ideas)
    i["kind_label"] = web::t(req.locale, "idea.kind." + i["kind"].get<std::string>());
  json units = json::array();
  for (const auto& u : org::UnitStore(*sql, req.who().tenant_id).all()) {
    bool involved = false;
    for (const auto& id : ctx.project.unit_ids) involved = involved || id == u.id;
    units.push_back({{"id", u.id}, {"name", u.name}, {"involved", involved}});
  }
  std::stable_sort(units.begin(), units.end(), [](const json& a, const json& b) {
    return a["involved"].get<bool>() && !b["involved"].get<bool>();
  });
  view["project"] = {{"id", ctx.project.id}, {"title", ctx.project.title}};
  view["map"] = to_json(m);
  view["map"]["kind_view"] = kind_view(req, m.kind);
  view["redesign"] = m.kind == "redesign";
  view["readonly"] = !ctx.may_map;
  view["ideas"] = ideas;
  view["has_ideas"] = !ideas.empty();
  view["units"] = units;
  view["step_types"] =
      options(req, {"task", "it_system", "citizen", "handover", "waiting", "decision", "document"},
              "step.type.");
  view["idea_kinds"] = options(req, kIdeaKinds, "idea.kind.");
  view["metrics_html"] = metrics_html(req, store.metrics(m.id));
  view["modeler"] = {{"js", web::asset_url("modeler.js")}, {"css", web::asset_url("modeler.css")}};
  return web::page(req, "maps/editor", view, {"maps.editor", "projects", 200});
}

Response versions_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  auto ctx = project_context(*sql, req);
  MapStore store(*sql, req.who().tenant_id);
  auto m = map_in_project(store, req);
  json rows = json::array();
  for (const auto& v : store.versions(m.id)) {
    json figures = json::array();
    for (const auto& r : metric_rows(req, v["metrics"])) figures.push_back(r["value"]);
    long long number = v["number"].get<long long>();
    rows.push_back({{"number", number},
                    {"current", number == m.version},
                    {"comment", v["comment"]},
                    {"by", v["created_by_name"]},
                    {"at", v["created_at"].get<std::string>().substr(0, 16)},
                    {"figures", figures}});
  }
  json headers = json::array();
  for (const auto& r : metric_rows(req, json::object())) headers.push_back(r["label"]);
  view["project"] = {{"id", ctx.project.id}, {"title", ctx.project.title}};
  view["map"] = to_json(m);
  view["map"]["version_text"] = std::to_string(m.version);
  view["versions"] = rows;
  view["metric_headers"] = headers;
  view["may_map"] = ctx.may_map;
  return web::page(req, "maps/versions", view, {"maps.versions", "projects", 200});
}

Response print_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  auto ctx = project_context(*sql, req);
  MapStore store(*sql, req.who().tenant_id);
  auto m = map_in_project(store, req);
  auto number = version_param(req);
  json ideas = store.ideas(m.id);
  for (auto& i : ideas)
    i["kind_label"] = web::t(req.locale, "idea.kind." + i["kind"].get<std::string>());
  view["project"] = {{"id", ctx.project.id}, {"title", ctx.project.title}};
  view["map"] = to_json(m);
  view["map"]["kind_view"] = kind_view(req, m.kind);
  view["shown_version"] = number.value_or(m.version);
  view["bpmn_url"] =
      "/api/v1/maps/" + m.id + "/bpmn?version=" + std::to_string(number.value_or(m.version));
  view["metrics"] = metric_rows(req, store.metrics(m.id, number));
  view["ideas"] = ideas;
  view["has_ideas"] = !ideas.empty();
  view["step_types"] = options(
      req, {"it_system", "citizen", "handover", "waiting", "decision", "document"}, "step.type.");
  view["modeler"] = {{"js", web::asset_url("modeler.js")}, {"css", web::asset_url("modeler.css")}};
  return web::page(req, "maps/print", view, {"maps.print", "projects", 200});
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  router.add(
      {"GET",
       "/projects/{id}/maps",
       Access::kAuthenticated,
       [&db](Request& req) { return maps_page(db, req, json::object(), json::object(), 200); },
       {"The project's workflow maps and their comparison", "web"}});
  router.add({"POST",
              "/projects/{id}/maps",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto form = req.form();
                json typed = {{"title", form["title"]}, {"kind", form["kind"]}};
                {
                  auto sql = db.lease();
                  projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kMap);
                }
                try {
                  json fields = {{"kind", form["kind"]}, {"title", form["title"]}};
                  if (!form["bpmn"].empty()) fields["bpmn"] = form["bpmn"];
                  core::Input input(fields, true);
                  auto m = parse_new_map(input);
                  input.check();
                  auto sql = db.lease();
                  auto created = MapStore(*sql, req.who().tenant_id)
                                     .create(&req.who(), req.param("id"), m,
                                             starting_xml(*sql, req, req.param("id"), m.title));
                  return Response::redirect("/projects/" + req.param("id") + "/maps/" + created.id);
                } catch (const core::ValidationError& e) {
                  json errors = json::object();
                  for (const auto& [k, v] : e.fields())
                    errors[form["kind"] == "redesign" ? "redesign_" + k : k] =
                        web::translate_message(req.locale, v);
                  return maps_page(db, req, typed, errors, 422);
                }
              },
              {"Create a map from the form", "web"}});
  router.add({"GET",
              "/projects/{id}/maps/{map}",
              Access::kAuthenticated,
              [&db](Request& req) { return editor_page(db, req); },
              {"The map editor", "web"}});
  router.add({"GET",
              "/projects/{id}/maps/{map}/metrics",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                MapStore store(*sql, req.who().tenant_id);
                auto m = map_in_project(store, req);
                return Response::html(200, metrics_html(req, store.metrics(m.id)));
              },
              {"The figures of the current version as a page fragment (htmx)", "web"}});
  router.add({"GET",
              "/projects/{id}/maps/{map}/versions",
              Access::kAuthenticated,
              [&db](Request& req) { return versions_page(db, req); },
              {"Versions of a map", "web"}});
  router.add({"GET",
              "/projects/{id}/maps/{map}/print",
              Access::kAuthenticated,
              [&db](Request& req) { return print_page(db, req); },
              {"A map with legend, metrics and ideas, to print", "web"}});
  router.add({"POST",
              "/projects/{id}/maps/{map}/versions/{number}/restore",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                MapStore store(*sql, req.who().tenant_id);
                auto m = map_in_project(store, req);
                projects::require_right(*sql, req.who(), m.project_id, ProjectRight::kMap);
                auto input = core::Input::from_form(req.form());
                auto version = input.optional_int("version", 1, 1LL << 40);
                if (!version) input.fail("version", "is required");
                input.check();
                long long number = 0;
                try {
                  number = std::stoll(req.param("number"));
                } catch (const std::exception&) {
                  throw core::NotFound("no such version");
                }
                store.save(&req.who(), m.id, *version, store.xml(m.id, number),
                           "restored version " + std::to_string(number));
                return Response::redirect("/projects/" + m.project_id + "/maps/" + m.id);
              },
              {"Restore a version from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/maps/{map}/ideas",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                MapStore store(*sql, req.who().tenant_id);
                auto m = map_in_project(store, req);
                projects::require_right(*sql, req.who(), m.project_id, ProjectRight::kMap);
                auto input = core::Input::from_form(req.form());
                auto idea = parse_idea(input);
                input.check();
                store.add_idea(&req.who(), m.id, idea);
                return Response::redirect("/projects/" + m.project_id + "/maps/" + m.id + "#ideas");
              },
              {"Add an idea from the form (without JavaScript)", "web"}});
  router.add({"GET",
              "/projects/{id}/map-comparison",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto view = web::base_view(req);
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
                auto comparison = MapStore(*sql, req.who().tenant_id).comparison(req.param("id"));
                view["project_id"] = req.param("id");
                view["comparison"] = comparison_rows(req, comparison);
                view["has_comparison"] = !comparison["rows"].empty();
                return Response::html(200, web::render_template("maps/comparison", view));
              },
              {"The as-is/redesign comparison as a page fragment (htmx)", "web"}});
}

}  // namespace maps
