// "Mit overblik": the page everybody lands on after login.
#include "kit/pages.hpp"
#include "overview/overview_routes.hpp"
#include "overview/overview_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace overview {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::string project_url(const std::string& project_id) { return "/projects/" + project_id; }

// "2026-04-14T09:00" → {date, time}: the tenant's wall time, as the meeting pages show it.
json local_time(const std::string& starts_at) {
  return {{"date", starts_at.substr(0, 10)}, {"time", starts_at.substr(11, 5)}};
}

json project_rows(const Request& req, const std::vector<MyProject>& projects) {
  json rows = json::array();
  for (const auto& p : projects) {
    json roles = json::array();
    for (const auto& r : p.roles) roles.push_back(web::t(req.locale, "role." + r));
    const long long overdue = p.overdue_actions + p.overdue_checklist_items;
    rows.push_back(
        {{"title", p.title},
         {"url", project_url(p.id)},
         {"phase", p.phase_name},
         {"status",
          {{"value", p.status}, {"label", web::t(req.locale, "project.status." + p.status)}}},
         {"roles", roles},
         {"next_meeting", p.next_meeting ? local_time(*p.next_meeting) : json()},
         {"overdue", overdue > 0 ? json(std::to_string(overdue)) : json()}});
  }
  return rows;
}

std::string task_url(const MyTask& t) {
  if (t.kind == "action") return project_url(t.project_id) + "/actions#row-" + t.id;
  if (t.kind == "kaizen_card") return project_url(t.project_id) + "/kaizen/cards/" + t.id;
  return project_url(t.project_id) + "/items/" + t.id;  // the item's own page
}

std::string task_status(const Request& req, const MyTask& t) {
  if (t.kind == "action") return web::t(req.locale, "action.status." + t.status);
  if (t.kind == "kaizen_card") return web::t(req.locale, "kaizen_column_" + t.status);
  return web::t(req.locale, "item.status." + t.status);
}

json task_rows(const Request& req, const std::vector<MyTask>& tasks) {
  json rows = json::array();
  for (const auto& t : tasks)
    rows.push_back({{"kind", web::t(req.locale, "overview_kind_" + t.kind)},
                    {"text", t.text},
                    {"url", task_url(t)},
                    {"project_title", t.project_title},
                    {"project_url", project_url(t.project_id)},
                    {"due", t.due ? json(*t.due) : json()},
                    {"status", task_status(req, t)},
                    {"overdue", t.overdue}});
  return rows;
}

json meeting_rows(const Request& req, const std::vector<MyMeeting>& meetings) {
  json rows = json::array();
  for (const auto& m : meetings)
    rows.push_back({{"title", m.title},
                    {"url", project_url(m.project_id) + "/meetings/" + m.id},
                    {"kind", web::t(req.locale, "meeting.kind." + m.kind)},
                    {"when", local_time(m.starts_at)},
                    {"location", m.location ? json(*m.location) : json()},
                    {"project_title", m.project_title},
                    {"project_url", project_url(m.project_id)}});
  return rows;
}

json kpi_rows(const Request& req, const std::vector<MyKpi>& kpis) {
  json rows = json::array();
  for (const auto& k : kpis)
    rows.push_back({{"name", k.name},
                    {"url", project_url(k.project_id) + "/kpis/" + k.id},
                    {"frequency", web::t(req.locale, "kpi_frequency_" + k.frequency)},
                    {"last_period", k.last_period ? json(*k.last_period) : json()},
                    {"project_title", k.project_title},
                    {"project_url", project_url(k.project_id)}});
  return rows;
}

Response overview_page(db::Database& db, const Request& req) {
  Overview o;
  {
    auto sql = db.lease();
    o = load(*sql, req.who(), req.locale);
  }
  auto view = web::base_view(req);
  view["no_person"] = req.who().person_id.empty();
  view["projects"] = project_rows(req, o.projects);
  view["more_projects"] = o.more_projects;
  view["tasks"] = task_rows(req, o.tasks);
  view["meetings"] = meeting_rows(req, o.meetings);
  view["kpis"] = kpi_rows(req, o.kpis);
  for (const char* list : {"projects", "tasks", "meetings", "kpis"})
    view[std::string("has_") + list] = !view[list].empty();
  view["time_zone"] = o.time_zone;
  return web::page(req, "overview/overview", view, {"overview_title", "overview", 200});
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db, {{"GET", "/overview", overview_page, "My overview: the start page after login"}});
}

}  // namespace overview
