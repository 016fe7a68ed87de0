// Workflow-map pages: the project's maps with the comparison, the editor
// (bpmn-js), versions, and the print view.
#include <algorithm>

#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "maps/map_input.hpp"
#include "maps/map_routes.hpp"
#include "maps/map_store.hpp"
#include "maps/map_view.hpp"
#include "maps/xml_scan.hpp"
#include "org/unit_store.hpp"
#include "web/assets.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace maps {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

constexpr std::size_t kMaxLeftOutShown = 20;

json kind_view(const Request& req, const std::string& kind) {
  return {{"value", kind}, {"label", web::t(req.locale, "map.kind." + kind)}};
}

// The map of the URL, which must belong to the project of the URL, with that project's
// scope.
std::pair<MapInfo, kit::ProjectScope> map_of_page(soci::session& sql, const Request& req) {
  return kit::load_in_project<MapInfo, MapStore>(sql, req, "map", "no such map in this project");
}

json page_view(const Request& req, const kit::ProjectScope& scope, const MapInfo& m) {
  auto view = kit::project_view(req, scope, "maps");
  view["map"] = to_json(m);
  return view;
}

// What a page of one map starts from: the map, its project's scope, the view with both,
// and the store.
struct MapPage {
  MapInfo map;
  kit::ProjectScope scope;
  json view;
  MapStore store;
};

MapPage map_page(soci::session& sql, const Request& req) {
  auto [m, scope] = map_of_page(sql, req);
  auto view = page_view(req, scope, m);
  return {m, scope, view, MapStore(sql, scope.tenant_id())};
}

json labelled_ideas(const Request& req, MapStore& store, const std::string& map_id) {
  json ideas = store.ideas(map_id);
  for (auto& i : ideas)
    i["kind_label"] = web::t(req.locale, "idea.kind." + i["kind"].get<std::string>());
  return ideas;
}

json map_rows(const Request& req, MapStore& store, const std::vector<MapInfo>& maps) {
  json rows = json::array();
  for (const auto& m : maps) {
    auto metrics = store.metrics(m.id);
    rows.push_back({{"id", m.id},
                    {"title", m.title},
                    {"kind", kind_view(req, m.kind)},
                    {"version", m.version},
                    {"updated_at", m.updated_at.substr(0, 10)},
                    {"steps", metrics.value("steps", 0)},
                    {"handovers", metrics.value("handovers", 0)}});
  }
  return rows;
}

// One template for the table, on the maps page and on the project page (via htmx).
std::string comparison_html(const Request& req, MapStore& store, const std::string& project_id) {
  auto comparison = store.comparison(project_id);
  json table = web::base_view(req);
  table["project_id"] = project_id;
  table["comparison"] = comparison_rows(req, comparison);
  table["missing_times"] = missing_times(req, comparison);
  table["has_missing_times"] = !table["missing_times"].empty();
  table["has_comparison"] = !comparison["rows"].empty();
  return web::render_template("maps/comparison", table);
}

Response maps_page(db::Database& db, const Request& req, const json& form, const json& errors,
                   int status) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  MapStore store(*sql, scope.tenant_id());
  auto maps = store.list(scope.project().id);
  auto view = kit::project_view(req, scope, "maps");
  view["maps"] = map_rows(req, store, maps);
  view["has_maps"] = !maps.empty();
  view["comparison_html"] = comparison_html(req, store, scope.project().id);
  view["may_map"] = scope.may(ProjectRight::kMap);
  view["has_as_is"] =
      std::any_of(maps.begin(), maps.end(), [](const MapInfo& m) { return m.kind == "as_is"; });
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

// The ids of the shapes an import left out, for the editor to name (a few at most).
std::string left_out_query(const MapInfo& m) {
  std::string ids;
  for (std::size_t i = 0; i < m.left_out.size() && i < kMaxLeftOutShown; ++i) {
    ids += (i == 0 ? "" : ",") + m.left_out[i];
  }
  return ids.empty() ? "" : "?left_out=" + http::url_encode(ids);
}

json left_out_view(const Request& req) {
  json out = json::array();
  auto ids = req.query_param("left_out");
  for (std::size_t from = 0; ids && from < ids->size() && out.size() < kMaxLeftOutShown;) {
    auto comma = std::min(ids->find(',', from), ids->size());
    out.push_back(clip(std::string_view(*ids).substr(from, comma - from)));
    from = comma + 1;
  }
  return out;
}

// The tenant's units for the lane form, the project's own first.
json lane_units(soci::session& sql, const Request& req, const kit::ProjectScope& scope) {
  json units = json::array();
  for (const auto& u : org::UnitStore(sql, req.who().tenant_id).all()) {
    bool involved = false;
    for (const auto& id : scope.project().unit_ids) involved = involved || id == u.id;
    units.push_back({{"id", u.id}, {"name", u.name}, {"involved", involved}});
  }
  std::stable_sort(units.begin(), units.end(), [](const json& a, const json& b) {
    return a["involved"].get<bool>() && !b["involved"].get<bool>();
  });
  return units;
}

Response editor_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto [m, scope, view, store] = map_page(*sql, req);
  json ideas = labelled_ideas(req, store, m.id);
  view["map"]["kind_view"] = kind_view(req, m.kind);
  view["left_out"] = left_out_view(req);
  view["has_left_out"] = !view["left_out"].empty();
  view["redesign"] = m.kind == "redesign";
  view["readonly"] = !scope.may(ProjectRight::kMap);
  view["ideas"] = ideas;
  view["has_ideas"] = !ideas.empty();
  view["units"] = lane_units(*sql, req, scope);
  view["step_types"] = web::translated_options(
      req.locale, {"task", "it_system", "citizen", "handover", "waiting", "decision", "document"},
      "step.type.", "");
  view["idea_kinds"] = web::translated_options(req.locale, kIdeaKinds, "idea.kind.", "");
  view["metrics_html"] = metrics_html(req, store.metrics(m.id));
  view["duration_units"] = duration_units_json().dump();
  view["duration_labels"] = duration_labels_json(req.locale).dump();
  view["modeler"] = {{"js", web::asset_url("modeler.js")}, {"css", web::asset_url("modeler.css")}};
  return web::page(req, "maps/editor", view, {"maps.editor", "projects", 200});
}

Response versions_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto [m, scope, view, store] = map_page(*sql, req);
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
  view["map"]["version_text"] = std::to_string(m.version);
  view["versions"] = rows;
  view["metric_headers"] = headers;
  view["may_map"] = scope.may(ProjectRight::kMap);
  return web::page(req, "maps/versions", view, {"maps.versions", "projects", 200});
}

Response print_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto [m, scope, view, store] = map_page(*sql, req);
  auto number = version_param(req);
  json ideas = labelled_ideas(req, store, m.id);
  view["map"]["kind_view"] = kind_view(req, m.kind);
  view["shown_version"] = number.value_or(m.version);
  view["bpmn_url"] =
      "/api/v1/maps/" + m.id + "/bpmn?version=" + std::to_string(number.value_or(m.version));
  view["metrics"] = metric_rows(req, store.metrics(m.id, number));
  view["ideas"] = ideas;
  view["has_ideas"] = !ideas.empty();
  view["step_types"] = web::translated_options(
      req.locale, {"it_system", "citizen", "handover", "waiting", "decision", "document"},
      "step.type.", "");
  view["modeler"] = {{"js", web::asset_url("modeler.js")}, {"css", web::asset_url("modeler.css")}};
  return web::page(req, "maps/print", view, {"maps.print", "projects", 200});
}

Response create_map(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = {{"title", form["title"]}, {"kind", form["kind"]}};
  {
    auto sql = db.lease();
    kit::ProjectScope(*sql, req, req.param("id")).require(ProjectRight::kMap);
  }
  return kit::form_post(
      req,
      [&] {
        json fields = {{"kind", form["kind"]}, {"title", form["title"]}};
        if (!form["bpmn"].empty()) fields["bpmn"] = form["bpmn"];
        core::Input input(fields, true);
        MapInfo fresh;
        fresh.citizen_lane = web::t(req.locale, "map.citizen_lane");
        auto m = map_fields().parse_new(input, fresh);
        auto sql = db.lease();
        auto created = MapStore(*sql, req.who().tenant_id).create(&req.who(), req.param("id"), m);
        return Response::redirect("/projects/" + req.param("id") + "/maps/" + created.id +
                                  left_out_query(created));
      },
      [&](const kit::FormRefusal& refused) {
        json errors = json::object();
        for (const auto& [k, v] : refused.errors.items())
          errors[form["kind"] == "redesign" ? "redesign_" + k : k] = v;
        return maps_page(db, req, typed, errors, refused.status);
      });
}

// The map of the URL in its project, with the right `right` there.
std::pair<MapInfo, kit::ProjectScope> authorised(soci::session& sql, const Request& req,
                                                 ProjectRight right) {
  auto [m, scope] = map_of_page(sql, req);
  scope.require(right);
  return {m, scope};
}

Response restore_version(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto [m, scope] = authorised(*sql, req, ProjectRight::kMap);
  auto input = core::Input::from_form(req.form());
  auto version = input.optional_int("version", 1, 1LL << 40);
  if (!version) input.fail("version", "is required");
  input.check();
  MapStore(*sql, scope.tenant_id()).restore(&req.who(), m.id, req.param("number"), *version);
  return Response::redirect("/projects/" + m.project_id + "/maps/" + m.id);
}

Response add_idea(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto [m, scope] = authorised(*sql, req, ProjectRight::kMap);
  auto input = core::Input::from_form(req.form());
  auto idea = parse_idea(input);
  MapStore(*sql, scope.tenant_id()).add_idea(&req.who(), m.id, idea);
  return Response::redirect("/projects/" + m.project_id + "/maps/" + m.id + "#ideas");
}

// One map of the comparison for a read-only viewer: title, kind, where to read it.
json compared_map(const Request& req, const json& info) {
  if (!info.is_object()) return nullptr;
  std::string id = info.value("id", "");
  return {{"id", id},
          {"title", info.value("title", "")},
          {"kind", kind_view(req, info.value("kind", ""))},
          {"bpmn_url", "/api/v1/maps/" + id + "/bpmn"}};
}

// The as-is and the redesign drawn next to each other, the figures that changed between.
Response side_by_side_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  auto comparison = MapStore(*sql, scope.tenant_id()).comparison(scope.project().id);
  auto view = kit::project_view(req, scope, "maps");
  view["has_comparison"] = !comparison["rows"].empty();
  view["comparison"] = comparison_rows(req, comparison);
  view["missing_times"] = missing_times(req, comparison);
  view["has_missing_times"] = !view["missing_times"].empty();
  view["as_is"] = compared_map(req, comparison["as_is"]);
  view["redesign"] = compared_map(req, comparison["redesign"]);
  view["modeler"] = {{"js", web::asset_url("modeler.js")}, {"css", web::asset_url("modeler.css")}};
  return web::page(req, "maps/side_by_side", view, {"maps.side_by_side", "projects", 200});
}

Response metrics_fragment(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::html(200, metrics_html(req, map_of_page(*sql, req).first.metrics));
}

Response comparison_fragment(db::Database& db, const Request& req) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  MapStore store(*sql, scope.tenant_id());
  return Response::html(200, comparison_html(req, store, scope.project().id));
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/maps",
        [](db::Database& db, const Request& req) {
          return maps_page(db, req, json::object(), json::object(), 200);
        },
        "The project's workflow maps and their comparison"},
       {"POST", "/projects/{id}/maps", create_map, "Create a map from the form"},
       {"GET", "/projects/{id}/maps/{map}", editor_page, "The map editor"},
       {"GET", "/projects/{id}/maps/side-by-side", side_by_side_page,
        "The as-is and redesign maps side by side with the figures that changed"},
       {"GET", "/projects/{id}/maps/{map}/metrics", metrics_fragment,
        "The figures of the current version as a page fragment (htmx)"},
       {"GET", "/projects/{id}/maps/{map}/versions", versions_page, "Versions of a map"},
       {"GET", "/projects/{id}/maps/{map}/print", print_page,
        "A map with legend, metrics and ideas, to print"},
       {"POST", "/projects/{id}/maps/{map}/versions/{number}/restore", restore_version,
        "Restore a version from the form"},
       {"POST", "/projects/{id}/maps/{map}/ideas", add_idea,
        "Add an idea from the form (without JavaScript)"},
       {"GET", "/projects/{id}/map-comparison", comparison_fragment,
        "The as-is/redesign comparison as a page fragment (htmx)"}});
}

}  // namespace maps
