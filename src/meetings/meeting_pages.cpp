// Meeting pages: plan a meeting or a series, the meeting itself (agenda, attendance,
// minutes, decisions), attendance by unit, and the section on the project page.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "meetings/meeting_routes.hpp"
#include "meetings/meeting_store.hpp"
#include "meetings/meeting_view.hpp"
#include "org/person_store.hpp"
#include "projects/project_access.hpp"
#include "projects/project_input.hpp"
#include "projects/project_scope.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace meetings {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

std::string kind_label(const Request& req, const std::string& kind) {
  return web::t(req.locale, "meeting.kind." + kind);
}

// "2026-04-14T09:00" → {date, time, until}.
json when(const Meeting& m) {
  std::string end = ends_at(m);
  return {{"date", m.starts_at.substr(0, 10)},
          {"time", m.starts_at.substr(11, 5)},
          {"until", end.substr(0, 10) == m.starts_at.substr(0, 10) ? end.substr(11, 5) : end}};
}

std::string meeting_url(const Meeting& m) {
  return "/projects/" + m.project_id + "/meetings/" + m.id;
}

json kind_options(const Request& req, const std::string& selected) {
  json out = json::array();
  for (const auto& k : kKinds)
    out.push_back({{"value", k}, {"label", kind_label(req, k)}, {"selected", k == selected}});
  return out;
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

// The meeting, NotFound unless it belongs to the project in the address.
Meeting meeting_in_project(soci::session& sql, const Request& req) {
  auto m = MeetingStore(sql, req.who().tenant_id).get(req.param("meeting"));
  if (m.project_id != req.param("id")) throw core::NotFound("no such meeting in this project");
  return m;
}

// Field errors of the form; the date and time inputs share starts_at's message.
json form_errors(const Request& req, const std::map<std::string, std::string>& fields) {
  json out = web::form_errors(req, fields);
  if (out.contains("starts_at")) out["date"] = out["starts_at"];
  if (out.contains("repeat.count")) out["repeat_count"] = out["repeat.count"];
  if (out.contains("repeat.every_days")) out["repeat_every_days"] = out["repeat.every_days"];
  return out;
}

// ---- plan or change a meeting ------------------------------------------------

Response form_page(db::Database& db, const Request& req, const json& typed, const json& errors,
                   const json& conflict, int status) {
  auto view = web::base_view(req);
  json form = typed;
  {
    auto sql = db.lease();
    projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
    auto p = projects::ProjectStore(*sql, req.who().tenant_id).get(req.param("id"));
    view["project"] = {{"id", p.id}, {"title", p.title}};
    if (req.path_params.count("meeting")) {
      auto m = meeting_in_project(*sql, req);
      view["meeting"] = {{"id", m.id}, {"url", meeting_url(m)}};
      view["editing"] = true;
      if (form.is_null()) {
        form = {{"kind", m.kind},
                {"title", m.title},
                {"date", when(m)["date"]},
                {"time", when(m)["time"]},
                {"duration_minutes", std::to_string(m.duration_minutes)},
                {"location", m.location.value_or("")},
                {"agenda", lines(m.agenda)},
                {"version", std::to_string(m.version)}};
      }
    } else if (form.is_null()) {
      // The trial phase holds kaizen meetings every 14 days (seed 000).
      form = {{"kind", p.phase_key == "trial" ? "kaizen" : "steering_group"},
              {"duration_minutes", std::to_string(kDefaultDuration)},
              {"repeat_every_days", "14"},
              {"repeat_count", "1"}};
    }
  }
  view["form"] = form;
  view["errors"] = errors;
  if (!conflict.is_null()) view["conflict"] = conflict;
  view["kind_options"] = kind_options(req, form.value("kind", ""));
  bool editing = view.value("editing", false);
  return web::page(req, "meetings/form", view,
                   {editing ? "meeting.edit_title" : "meeting.new_title", "projects", status});
}

// The form as the JSON the API takes; a blank title becomes the kind's name.
json form_json(const Request& req, const std::map<std::string, std::string>& form) {
  auto get = [&](const char* k) {
    auto it = form.find(k);
    return it == form.end() ? std::string() : it->second;
  };
  json out = {{"kind", get("kind")},
              {"title", get("title")},
              {"duration_minutes", get("duration_minutes")},
              {"location", get("location")},
              {"agenda", get("agenda")}};
  if (get("title").find_first_not_of(" \t") == std::string::npos &&
      std::find(kKinds.begin(), kKinds.end(), get("kind")) != kKinds.end()) {
    out["title"] = kind_label(req, get("kind"));
  }
  out["starts_at"] =
      get("date").empty() || get("time").empty() ? "" : get("date") + "T" + get("time");
  if (!get("repeat_count").empty() && get("repeat_count") != "1") {
    out["repeat_count"] = get("repeat_count");
    out["repeat_every_days"] = get("repeat_every_days");
  }
  if (form.count("version")) out["version"] = get("version");
  return out;
}

json typed_form(const std::map<std::string, std::string>& form) {
  json out = json::object();
  for (const char* k : {"kind", "title", "date", "time", "duration_minutes", "location", "agenda",
                        "repeat_every_days", "repeat_count", "version"}) {
    auto it = form.find(k);
    out[k] = it == form.end() ? "" : it->second;
  }
  return out;
}

Response create(db::Database& db, const Request& req) {
  auto form = req.form();
  std::string first;
  try {
    auto sql = db.lease();
    projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
    core::Input input(form_json(req, form), true);
    auto fields = parse_meeting(input, true, core::time_zone(req.who().tenant_time_zone));
    auto repeat = parse_repeat(input);
    input.check();
    first = MeetingStore(*sql, req.who().tenant_id)
                .create(&req.who(), req.param("id"), fields, repeat)
                .front()
                .id;
  } catch (const core::ValidationError& e) {
    return form_page(db, req, typed_form(form), form_errors(req, e.fields()), nullptr, 422);
  }
  return Response::redirect("/projects/" + req.param("id") + "/meetings/" + first + "?saved=1");
}

Response update(db::Database& db, const Request& req) {
  auto form = req.form();
  try {
    auto sql = db.lease();
    auto m = meeting_in_project(*sql, req);
    projects::require_right(*sql, req.who(), m.project_id, ProjectRight::kEdit);
    core::Input input(form_json(req, form), true);
    auto fields = parse_meeting(input, false, core::time_zone(req.who().tenant_time_zone));
    auto version = input.optional_int("version", 1, 1LL << 40);
    if (!version) input.fail("version", "is required");
    input.check();
    MeetingStore(*sql, req.who().tenant_id).update(&req.who(), m.id, *version, fields);
    return Response::redirect(meeting_url(m) + "?saved=1");
  } catch (const core::ValidationError& e) {
    return form_page(db, req, typed_form(form), form_errors(req, e.fields()), nullptr, 422);
  } catch (const core::Conflict& e) {
    const auto& current = e.current();
    json typed = typed_form(form);
    typed["version"] = std::to_string(current.value("version", 0LL));
    json conflict = {{"title", current.value("title", "")},
                     {"starts_at", current.value("starts_at", "")}};
    return form_page(db, req, typed, {{"_form", web::translate_message(req.locale, e.what())}},
                     conflict, 409);
  }
}

// ---- the meeting page ----------------------------------------------------------

json status_options(const Request& req, const std::string& id, const std::string& selected) {
  json out = json::array();
  for (const std::string s : {"", "present", "absent", "substitute"}) {
    out.push_back(
        {{"value", s},
         {"id", "att-" + id + "-" + (s.empty() ? "none" : s)},
         {"label", web::t(req.locale, s.empty() ? "attendance_not_recorded" : "attendance_" + s)},
         {"checked", s == selected}});
  }
  return out;
}

Response meeting_page(db::Database& db, const Request& req, const json& typed, const json& errors,
                      int status) {
  auto view = web::base_view(req);
  Meeting m;
  json detail;
  json people = json::array();
  {
    auto sql = db.lease();
    m = meeting_in_project(*sql, req);
    auto p = projects::ProjectStore(*sql, req.who().tenant_id).get(m.project_id);
    view["project"] = {{"id", p.id}, {"title", p.title}};
    detail = meeting_detail(*sql, req.who().tenant_id, m);
    projects::ProjectScope scope(*sql, req, m.project_id);
    view["rights"] = {{"edit", scope.may(ProjectRight::kEdit)},
                      {"decide", scope.may(ProjectRight::kDecide)}};
    for (const auto& person : org::PersonStore(*sql, req.who().tenant_id).page("", 200))
      people.push_back({{"id", person.id}, {"label", person.name}});
  }
  view["meeting"] = detail;
  view["meeting"]["kind_label"] = kind_label(req, m.kind);
  view["meeting"]["when"] = when(m);
  view["meeting"]["url"] = meeting_url(m);
  view["has_agenda"] = !m.agenda.empty();
  // Kaizen meetings: a button fills the agenda from the board (src/kaizen).
  if (m.kind == "kaizen" && view["rights"]["edit"].get<bool>()) {
    view["kaizen_agenda"] = {{"url", "/projects/" + m.project_id + "/kaizen/agenda/" + m.id},
                             {"version", std::to_string(m.version)}};
  }
  json attendees = json::array();
  for (const auto& a : detail["attendance"]) {
    std::string id = a["person_id"];
    json typed_row = typed.contains("attendance") && typed["attendance"].contains(id)
                         ? typed["attendance"][id]
                         : json::object();
    std::string st =
        typed_row.value("status", a["status"].is_string() ? a["status"].get<std::string>() : "");
    std::string sub = typed_row.value(
        "substitute_name",
        a["substitute_name"].is_string() ? a["substitute_name"].get<std::string>() : "");
    attendees.push_back(
        {{"person_id", id},
         {"name", a["person_name"]},
         {"status_label",
          web::t(req.locale, st.empty() ? "attendance_not_recorded" : "attendance_" + st)},
         // An empty string would still open a mustache section.
         {"substitute_name", sub.empty() ? json() : json(sub)},
         {"error", errors.contains("attendance_" + id) ? errors["attendance_" + id] : json()},
         {"status_options", status_options(req, id, st)}});
  }
  view["attendees"] = attendees;
  view["has_attendees"] = !attendees.empty();
  json others = json::array();
  for (const auto& p : people) {
    bool listed = std::any_of(attendees.begin(), attendees.end(),
                              [&](const json& a) { return a["person_id"] == p["id"]; });
    if (!listed) others.push_back(p);
  }
  std::sort(others.begin(), others.end(),
            [](const json& a, const json& b) { return a["label"] < b["label"]; });
  view["person_options"] = others;
  view["minutes_form"] = {{"minutes", typed.value("minutes", m.minutes.value_or(""))},
                          {"version", std::to_string(m.version)}};
  if (typed.contains("conflict_minutes"))
    view["conflict"] = {{"minutes", typed["conflict_minutes"]}};
  view["decision_text"] = typed.value("decision", "");
  view["has_decisions"] = !detail["decisions"].empty();
  view["errors"] = errors;
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "meetings/meeting", view, {"meeting.title", "projects", status});
}

Response save_attendance(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = {{"attendance", json::object()}};
  std::vector<std::string> order;
  try {
    auto sql = db.lease();
    auto m = meeting_in_project(*sql, req);
    projects::require_right(*sql, req.who(), m.project_id, ProjectRight::kEdit);
    MeetingStore store(*sql, req.who().tenant_id);
    json list = json::array();
    for (const auto& a : store.attendance(m.id)) {
      const auto& id = a.entry.person_id;
      std::string st = form["status_" + id];
      std::string sub = form["substitute_" + id];
      typed["attendance"][id] = {{"status", st}, {"substitute_name", sub}};
      order.push_back(id);
      json entry = {{"person_id", id}, {"status", st.empty() ? json() : json(st)}};
      if (st == "substitute") {
        if (a.entry.substitute_person_id && sub == a.substitute_person_name.value_or(""))
          entry["substitute_person_id"] = *a.entry.substitute_person_id;
        else
          entry["substitute_name"] = sub;
      }
      list.push_back(entry);
    }
    if (!form["add_person_id"].empty()) list.push_back({{"person_id", form["add_person_id"]}});
    store.set_attendance(&req.who(), m.id, parse_attendance(list));
    return Response::redirect(meeting_url(m) + "?saved=1#attendance-heading");
  } catch (const core::ValidationError& e) {
    // "attendance[2].substitute_name" → the error beside that person.
    json errors = json::object();
    for (const auto& [k, v] : e.fields()) {
      auto open = k.find('['), close = k.find(']');
      std::size_t i = open == std::string::npos ? order.size()
                                                : std::stoul(k.substr(open + 1, close - open - 1));
      std::string key = i < order.size() ? "attendance_" + order[i] : "attendance";
      errors[key] = web::translate_message(req.locale, v);
    }
    errors["_form"] = web::t(req.locale, "attendance_error");
    return meeting_page(db, req, typed, errors, 422);
  }
}

Response save_minutes(db::Database& db, const Request& req) {
  auto form = req.form();
  try {
    auto sql = db.lease();
    auto m = meeting_in_project(*sql, req);
    projects::require_right(*sql, req.who(), m.project_id, ProjectRight::kEdit);
    core::Input input(json{{"minutes", form["minutes"]}, {"version", form["version"]}}, true);
    auto fields = parse_meeting(input, false, core::time_zone(req.who().tenant_time_zone));
    auto version = input.optional_int("version", 1, 1LL << 40);
    if (!version) input.fail("version", "is required");
    input.check();
    MeetingStore(*sql, req.who().tenant_id).update(&req.who(), m.id, *version, fields);
    return Response::redirect(meeting_url(m) + "?saved=1#minutes-heading");
  } catch (const core::ValidationError& e) {
    return meeting_page(db, req, {{"minutes", form["minutes"]}}, web::form_errors(req, e.fields()),
                        422);
  } catch (const core::Conflict& e) {
    const auto& current = e.current();
    json typed = {{"minutes", form["minutes"]},
                  {"conflict_minutes",
                   current["minutes"].is_string() ? current["minutes"].get<std::string>() : ""}};
    return meeting_page(db, req, typed, {{"_form", web::translate_message(req.locale, e.what())}},
                        409);
  }
}

Response record_decision(db::Database& db, const Request& req) {
  auto form = req.form();
  try {
    auto sql = db.lease();
    auto m = meeting_in_project(*sql, req);
    projects::require_right(*sql, req.who(), m.project_id, ProjectRight::kDecide);
    auto input = core::Input::from_form(form);
    auto decision = projects::parse_gate_decision(input, req.who(), false);
    input.check();
    if (form["decided_on"].empty()) decision.decided_on = m.starts_at.substr(0, 10);
    decision.meeting_id = m.id;
    projects::ProjectStore(*sql, req.who().tenant_id)
        .record_decision(&req.who(), m.project_id, decision);
    return Response::redirect(meeting_url(m) + "?saved=1#decisions-heading");
  } catch (const core::ValidationError& e) {
    json errors = json::object();
    for (const auto& [k, v] : e.fields())
      errors["decision_" + k] = web::translate_message(req.locale, v);
    return meeting_page(db, req, {{"decision", form["decision"]}}, errors, 422);
  }
}

// ---- attendance by unit and the project page section ---------------------------

json unit_table(const Request& req, const json& table) {
  json headers = json::array();
  for (const auto& m : table["meetings"]) {
    headers.push_back({{"date", m["starts_at"].get<std::string>().substr(0, 10)},
                       {"kind", kind_label(req, m["kind"])},
                       {"url", "/projects/" + table["project_id"].get<std::string>() +
                                   "/meetings/" + m["id"].get<std::string>()}});
  }
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
  auto view = web::base_view(req);
  {
    auto sql = db.lease();
    auto p = projects::ProjectStore(*sql, req.who().tenant_id).get(req.param("id"));
    view["project"] = {{"id", p.id}, {"title", p.title}};
    view["table"] = unit_table(req, attendance_by_unit_json(*sql, req.who().tenant_id, p.id));
  }
  return web::page(req, "meetings/attendance", view, {"attendance.title", "projects", 200});
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto& sql = scope.sql();
    const std::string& project_id = scope.project().id;
    auto view = web::base_view(req);
    MeetingStore store(sql, req.who().tenant_id);
    json rows = json::array();
    for (const auto& m : store.of_project(project_id)) {
      rows.push_back({{"url", meeting_url(m)},
                      {"title", m.title},
                      {"kind", kind_label(req, m.kind)},
                      {"when", when(m)},
                      {"recorded", m.attendance_recorded}});
    }
    view["project_id"] = project_id;
    view["meetings"] = rows;
    view["has_meetings"] = !rows.empty();
    view["may_edit"] = scope.may(ProjectRight::kEdit);
    view["table"] = unit_table(req, attendance_by_unit_json(sql, req.who().tenant_id, project_id));
    return web::render_template("meetings/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  router.add(
      {"GET",
       "/projects/{id}/meetings/new",
       Access::kAuthenticated,
       [&db](Request& req) { return form_page(db, req, nullptr, json::object(), nullptr, 200); },
       {"Plan a meeting", "web"}});
  router.add({"POST",
              "/projects/{id}/meetings",
              Access::kAuthenticated,
              [&db](Request& req) { return create(db, req); },
              {"Plan a meeting from the form", "web"}});
  router.add(
      {"GET",
       "/projects/{id}/meetings/{meeting}",
       Access::kAuthenticated,
       [&db](Request& req) { return meeting_page(db, req, json::object(), json::object(), 200); },
       {"A meeting: agenda, attendance, minutes, decisions", "web"}});
  router.add(
      {"GET",
       "/projects/{id}/meetings/{meeting}/edit",
       Access::kAuthenticated,
       [&db](Request& req) { return form_page(db, req, nullptr, json::object(), nullptr, 200); },
       {"Change a meeting", "web"}});
  router.add({"POST",
              "/projects/{id}/meetings/{meeting}/edit",
              Access::kAuthenticated,
              [&db](Request& req) { return update(db, req); },
              {"Save a changed meeting from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/meetings/{meeting}/delete",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = meeting_in_project(*sql, req);
                projects::require_right(*sql, req.who(), m.project_id, ProjectRight::kEdit);
                MeetingStore(*sql, req.who().tenant_id).remove(&req.who(), m.id);
                return Response::redirect("/projects/" + m.project_id +
                                          "?saved=1#meetings-heading");
              },
              {"Cancel a meeting from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/meetings/{meeting}/attendance",
              Access::kAuthenticated,
              [&db](Request& req) { return save_attendance(db, req); },
              {"Record attendance from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/meetings/{meeting}/minutes",
              Access::kAuthenticated,
              [&db](Request& req) { return save_minutes(db, req); },
              {"Save the minutes from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/meetings/{meeting}/decisions",
              Access::kAuthenticated,
              [&db](Request& req) { return record_decision(db, req); },
              {"Record a decision taken at the meeting from the form", "web"}});
  router.add({"GET",
              "/projects/{id}/attendance",
              Access::kAuthenticated,
              [&db](Request& req) { return attendance_page(db, req); },
              {"Attendance by unit over time", "web"}});
}

}  // namespace meetings
