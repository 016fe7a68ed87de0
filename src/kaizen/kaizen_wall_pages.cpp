// The wall screen (redesign map, run charts, columns) and the button on a kaizen
// meeting's page that fills its agenda from the board.
#include "core/errors.hpp"
#include "kaizen/agenda.hpp"
#include "kaizen/kaizen_page_parts.hpp"
#include "kit/pages.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_store.hpp"
#include "maps/map_store.hpp"
#include "meetings/meeting_store.hpp"
#include "web/assets.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace kaizen {
namespace {

// The newest redesign map, read-only; null when the project has none.
json newest_redesign(soci::session& sql, const Request& req, const std::string& project_id) {
  std::optional<maps::MapInfo> redesign;
  for (const auto& m : maps::MapStore(sql, req.who().tenant_id).list(project_id)) {
    if (m.kind == "redesign" && (!redesign || m.updated_at > redesign->updated_at)) redesign = m;
  }
  if (!redesign) return nullptr;
  return {{"title", redesign->title},
          {"bpmn_url",
           "/api/v1/maps/" + redesign->id + "/bpmn?version=" + std::to_string(redesign->version)}};
}

json run_charts(soci::session& sql, const Request& req, const std::string& project_id) {
  kpis::KpiStore kpi_store(sql, req.who().tenant_id);
  json charts = json::array();
  std::string today = req.who().today();
  for (const auto& k : kpi_store.of_project(project_id)) {
    auto chart = kpis::chart_json(k, kpi_store.points(k.id), kpi_store.periods(k.id), today);
    charts.push_back({{"id", k.id},
                      {"name", k.name},
                      {"unit", k.unit},
                      {"signal", !chart["signals"].empty()},
                      {"has_points", !chart["points"].empty()},
                      {"chart_json", chart.dump()}});
  }
  return charts;
}

std::string chart_labels(const Request& req) {
  json labels = json::object();
  for (const char* k : {"period", "value", "median", "baseline", "target", "signal"})
    labels[k] = web::t(req.locale, std::string("kpi_") + k);
  return labels.dump();
}

Response wall_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  const auto& p = scope.project();
  auto view = kit::project_view(req, scope);
  if (auto map = newest_redesign(*sql, req, p.id); !map.is_null()) view["map"] = map;
  view["kpis"] = run_charts(*sql, req, p.id);
  view["has_kpis"] = !view["kpis"].empty();
  view["chart_labels"] = chart_labels(req);
  BoardOptions options;
  options.wall = true;
  view["board_html"] = board_html(*sql, req, p.id, options);
  view["kaizen_assets"] = assets();
  view["modeler"] = {{"js", web::asset_url("modeler.js")}, {"css", web::asset_url("modeler.css")}};
  view["charts"] = {{"js", web::asset_url("charts.js")}, {"css", web::asset_url("charts.css")}};
  view["title"] = web::t(req.locale, "kaizen_wall_title") + " · " + p.title;
  view["updated"] = req.who().local_now().substr(11, 5);
  // Its own document: the wall screen has no site header, only the board.
  return Response::html(200, web::render_template("kaizen/wall", view));
}

// Fills a kaizen meeting's agenda from the board (the button on the meeting page).
Response generate_agenda(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  meetings::MeetingStore store(*sql, req.who().tenant_id);
  auto m = store.get(req.param("meeting"));
  if (m.project_id != req.param("id")) throw core::NotFound("no such meeting in this project");
  kit::ProjectScope(*sql, req, m.project_id).require(ProjectRight::kEdit);
  if (m.kind != "kaizen") throw core::ValidationError("kind", "must be kaizen");
  auto agenda = build_agenda(*sql, req.who().tenant_id, m.project_id, m.starts_at, m.id);
  auto version = core::Input(json{{"version", form_value(form, "version")}}, true)
                     .optional_int("version", 1, 1LL << 40);
  long long expected = version.value_or(m.version);
  m.agenda = agenda_lines(agenda, req.locale, &web::t, meetings::kMaxAgendaItems);
  store.update(&req.who(), m, expected);
  return Response::redirect("/projects/" + m.project_id + "/meetings/" + m.id +
                            "?saved=1#agenda-heading");
}

}  // namespace

void add_wall_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/projects/{id}/kaizen/wall", wall_page,
                         "The kaizen board for a wall screen: redesign map, run charts, cards"},
                        {"POST", "/projects/{id}/kaizen/agenda/{meeting}", generate_agenda,
                         "Fill a kaizen meeting's agenda from the board"}});
}

}  // namespace kaizen
