// Attendance by unit over time, the meetings section of the meetings tab and the next
// meeting on the project's overview.
#include "core/time.hpp"
#include "kit/pages.hpp"
#include "meetings/meeting_page_parts.hpp"
#include "meetings/meeting_routes.hpp"
#include "meetings/meeting_store.hpp"
#include "meetings/meeting_view.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace meetings {
namespace {

json unit_headers(const Request& req, const json& table) {
  json headers = json::array();
  for (const auto& m : table["meetings"]) {
    headers.push_back({{"date", m["starts_at"].get<std::string>().substr(0, 10)},
                       {"kind", kind_label(req, m["kind"])},
                       {"url", "/projects/" + table["project_id"].get<std::string>() +
                                   "/meetings/" + m["id"].get<std::string>()}});
  }
  return headers;
}

json unit_table(const Request& req, const json& table) {
  json headers = unit_headers(req, table);
  json rows = json::array();
  json flagged = json::array();
  for (const auto& u : table["units"]) {
    json cells = json::array();
    for (bool here : u["present"]) {
      cells.push_back(
          {{"present", here},
           {"text", web::t(req.locale, here ? "attendance_present" : "attendance_absent")}});
    }
    rows.push_back({{"name", u["unit_name"]}, {"cells", cells}, {"flagged", u["flagged"]}});
    if (u["flagged"].get<bool>()) flagged.push_back(u["unit_name"]);
  }
  return {{"headers", headers},
          {"rows", rows},
          {"flagged", flagged},
          {"has_meetings", !headers.empty()},
          {"has_units", !rows.empty()},
          {"not_counted", std::to_string(table["meetings_without_attendance"].get<int>())}};
}

Response attendance_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  const auto& p = scope.project();
  auto view = kit::project_view(req, scope, "decisions");
  view["table"] = unit_table(req, attendance_by_unit_json(*sql, scope.tenant_id(), p.id));
  return web::page(req, "meetings/attendance", view, {"attendance.title", "projects", 200});
}

json section_rows(const projects::ProjectScope& scope, const Request& req) {
  json rows = json::array();
  for (const auto& m : MeetingStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id))
    rows.push_back({{"url", meeting_url(m)},
                    {"title", m.title},
                    {"kind", kind_label(req, m.kind)},
                    {"when", when(m)},
                    {"recorded", m.attendance_recorded}});
  return rows;
}

// The project page's section: the meetings and the attendance by unit.
std::string meetings_section(const projects::ProjectScope& scope, const Request& req) {
  const auto& p = scope.project();
  json view = web::base_view(req);
  view["project_id"] = p.id;
  view["meetings"] = section_rows(scope, req);
  view["has_meetings"] = !view["meetings"].empty();
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  view["table"] = unit_table(req, attendance_by_unit_json(scope.sql(), scope.tenant_id(), p.id));
  return web::render_template("meetings/project_section", view);
}

// The overview's summary: the next meeting (one that has not ended is still next) and the
// way to the meetings tab.
std::string next_meeting_section(const projects::ProjectScope& scope, const Request& req) {
  const auto& p = scope.project();
  const std::string now = req.who().local_now();
  json view = web::base_view(req);
  view["project_id"] = p.id;
  if (auto m = MeetingStore(scope.sql(), scope.tenant_id()).next_of_project(p.id, now)) {
    view["next"] = {{"url", meeting_url(*m)},
                    {"title", m->title},
                    {"kind", kind_label(req, m->kind)},
                    {"when", when(*m)}};
  }
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  return web::render_template("meetings/overview_section", view);
}

// Seed 000: the kaizen meeting is held every 14 days during the trial.
constexpr int kKaizenEveryDays = 14;

// "Næste skridt": no kaizen meeting is planned, and the last was more than two weeks ago,
// or the trial has begun without one.
std::vector<projects::NextStep> kaizen_steps(const projects::ProjectScope& scope) {
  const auto& p = scope.project();
  const std::string now = scope.who().local_now();
  const std::string latest =
      MeetingStore(scope.sql(), scope.tenant_id()).latest_start(p.id, "kaizen");
  if (latest >= now) return {};  // one is planned
  const std::string last = latest.substr(0, 10);
  const std::string plan = "/projects/" + p.id + "/meetings/new";
  if (!last.empty() && core::plus_days(last, kKaizenEveryDays) < scope.who().today())
    return {{core::Message{"next.kaizen_overdue", {{"date", last}, {"days", kKaizenEveryDays}}},
             plan, "next.kaizen_plan"}};
  if (last.empty() && p.phase_key == "trial")
    return {{core::Message{"next.kaizen_none", {}}, plan, "next.kaizen_plan"}};
  return {};
}

}  // namespace

projects::NextStepSource next_steps() { return kaizen_steps; }
projects::PageSection project_page_section() { return meetings_section; }
projects::PageSection overview_section() { return next_meeting_section; }

void add_unit_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/attendance", attendance_page, "Attendance by unit over time"}});
}

void add_pages(http::Router& router, db::Database& db) {
  add_form_pages(router, db);
  add_meeting_pages(router, db);
  add_unit_pages(router, db);
}

}  // namespace meetings
