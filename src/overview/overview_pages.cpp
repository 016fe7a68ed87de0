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

// A list's rows: `row` of each item, with the link `url` gives it and its project's title
// and link.
template <typename T, typename Row, typename Url>
json rows_in_projects(const std::vector<T>& items, Row row, Url url) {
  json rows = json::array();
  for (const auto& item : items) {
    json r = row(item);
    r["url"] = url(item);
    r["project_title"] = item.project_title;
    r["project_url"] = project_url(item.project_id);
    rows.push_back(std::move(r));
  }
  return rows;
}

json task_rows(const Request& req, const std::vector<MyTask>& tasks) {
  return rows_in_projects(
      tasks,
      [&](const MyTask& t) -> json {
        return {{"kind", web::t(req.locale, "overview_kind_" + t.kind)},
                {"text", t.text},
                {"due", t.due ? json(*t.due) : json()},
                {"status", task_status(req, t)},
                {"overdue", t.overdue}};
      },
      task_url);
}

json meeting_rows(const Request& req, const std::vector<MyMeeting>& meetings) {
  return rows_in_projects(
      meetings,
      [&](const MyMeeting& m) -> json {
        return {{"title", m.title},
                {"kind", web::t(req.locale, "meeting.kind." + m.kind)},
                {"when", local_time(m.starts_at)},
                {"location", m.location ? json(*m.location) : json()}};
      },
      [](const MyMeeting& m) { return project_url(m.project_id) + "/meetings/" + m.id; });
}

json kpi_rows(const Request& req, const std::vector<MyKpi>& kpis) {
  return rows_in_projects(
      kpis,
      [&](const MyKpi& k) -> json {
        return {{"name", k.name},
                {"frequency", web::t(req.locale, "kpi_frequency_" + k.frequency)},
                {"last_period", k.last_period ? json(*k.last_period) : json()}};
      },
      [](const MyKpi& k) { return project_url(k.project_id) + "/kpis/" + k.id; });
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
