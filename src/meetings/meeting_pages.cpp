// The meeting page: agenda, attendance, minutes and decisions, with their forms.
#include <algorithm>
#include <cstdlib>
#include <map>

#include "kit/pages.hpp"
#include "meetings/meeting_invitations.hpp"
#include "meetings/meeting_page_parts.hpp"
#include "meetings/meeting_store.hpp"
#include "meetings/meeting_view.hpp"
#include "org/person_store.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace meetings {
namespace {

using Form = std::map<std::string, std::string>;

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

std::string text_of(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }

// The invited people as the attendance form shows them, with what was typed.
json attendee_rows(const Request& req, const json& attendance, const json& typed,
                   const json& errors) {
  json rows = json::array();
  for (const auto& a : attendance) {
    std::string id = a["person_id"];
    json typed_row = typed.contains("attendance") && typed["attendance"].contains(id)
                         ? typed["attendance"][id]
                         : json::object();
    std::string st = typed_row.value("status", text_of(a["status"]));
    std::string sub = typed_row.value("substitute_name", text_of(a["substitute_name"]));
    rows.push_back(
        {{"person_id", id},
         {"name", a["person_name"]},
         {"status_label",
          web::t(req.locale, st.empty() ? "attendance_not_recorded" : "attendance_" + st)},
         // An empty string would still open a mustache section.
         {"substitute_name", sub.empty() ? json() : json(sub)},
         {"error", errors.contains("attendance_" + id) ? errors["attendance_" + id] : json()},
         {"status_options", status_options(req, id, st)}});
  }
  return rows;
}

// The tenant's people not invited yet, by name, for "add a person".
json others(soci::session& sql, const Request& req, const json& attendees) {
  json out = json::array();
  for (const auto& person : org::PersonStore(sql, req.who().tenant_id).page("", 200)) {
    bool listed = std::any_of(attendees.begin(), attendees.end(),
                              [&](const json& a) { return a["person_id"] == person.id; });
    if (!listed) out.push_back({{"id", person.id}, {"label", person.name}});
  }
  std::sort(out.begin(), out.end(),
            [](const json& a, const json& b) { return a["label"] < b["label"]; });
  return out;
}

json meeting_view(soci::session& sql, const Request& req, const Meeting& m) {
  json view = meeting_detail(sql, req.who().tenant_id, m, req.locale);
  view["kind_label"] = kind_label(req, m.kind);
  view["when"] = when(m);
  view["url"] = meeting_url(m);
  return view;
}

Response meeting_page(soci::session& sql, const Request& req, const json& typed, const json& errors,
                      int status) {
  auto m = meeting_in_project(sql, req);
  kit::ProjectScope scope(sql, req, m.project_id);
  auto view = kit::project_view(req, scope, "decisions");
  bool may_edit = scope.may(ProjectRight::kEdit);
  view["rights"] = {{"edit", may_edit}, {"decide", scope.may(ProjectRight::kDecide)}};
  // Kaizen meetings: a button fills the agenda from the board (src/kaizen).
  if (m.kind == "kaizen" && may_edit)
    view["kaizen_agenda"] = {{"url", "/projects/" + m.project_id + "/kaizen/agenda/" + m.id},
                             {"version", std::to_string(m.version)}};
  json meeting = meeting_view(sql, req, m);
  view["has_agenda"] = !m.agenda.empty();
  view["attendees"] = attendee_rows(req, meeting["attendance"], typed, errors);
  view["has_attendees"] = !view["attendees"].empty();
  view["person_options"] = others(sql, req, view["attendees"]);
  view["minutes_form"] = {{"minutes", typed.value("minutes", m.minutes.value_or(""))},
                          {"version", std::to_string(m.version)}};
  if (typed.contains("conflict_minutes"))
    view["conflict"] = {{"minutes", typed["conflict_minutes"]}};
  view["decision_text"] = typed.value("decision", "");
  view["has_decisions"] = !meeting["decisions"].empty();
  view["meeting"] = std::move(meeting);
  view["errors"] = errors;
  if (req.query_param("saved")) view["saved"] = true;
  if (auto invited = req.query_param("invited"))
    view["invited"] = web::render_message(
        req.locale, {"mail_invitations_queued",
                     {{"count", std::atoll(invited->c_str())},
                      {"skipped", std::atoll(req.query_param("skipped").value_or("0").c_str())}}});
  return web::page(req, "meetings/meeting", view, {"meeting.title", "projects", status});
}

// The attendance form as the API's list: each invited person's status, a substitute
// named (or the person already recorded as substitute), and a person added.
json posted_attendance(soci::session& sql, const Request& req, const Meeting& m, Form& form,
                       json& typed, std::vector<std::string>& order) {
  json list = json::array();
  for (const auto& a : MeetingStore(sql, req.who().tenant_id).attendance(m.id)) {
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
  return list;
}

// "attendance[2].substitute_name" → the error beside that person.
json attendance_errors(const Request& req, const json& refused,
                       const std::vector<std::string>& order) {
  json errors = json::object();
  for (const auto& [k, v] : refused.items()) {
    auto open = k.find('['), close = k.find(']');
    std::size_t i =
        open == std::string::npos ? order.size() : std::stoul(k.substr(open + 1, close - open - 1));
    errors[i < order.size() ? "attendance_" + order[i] : "attendance"] = v;
  }
  errors["_form"] = web::t(req.locale, "attendance_error");
  return errors;
}

Response save_attendance(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = {{"attendance", json::object()}};
  std::vector<std::string> order;
  return meeting_form(
      db, req, ProjectRight::kEdit,
      [&](soci::session& sql, const Meeting& m) {
        auto list = posted_attendance(sql, req, m, form, typed, order);
        MeetingStore(sql, req.who().tenant_id)
            .set_attendance(&req.who(), m.id, parse_attendance(list));
        return Response::redirect(meeting_url(m) + "?saved=1#attendance-heading");
      },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        return meeting_page(sql, req, typed, attendance_errors(req, refused.errors, order),
                            refused.status);
      });
}

Response save_minutes(db::Database& db, const Request& req) {
  auto form = req.form();
  return meeting_form(
      db, req, ProjectRight::kEdit,
      [&](soci::session& sql, const Meeting& m) {
        save_fields(sql, req, m, {{"minutes", form["minutes"]}, {"version", form["version"]}});
        return Response::redirect(meeting_url(m) + "?saved=1#minutes-heading");
      },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        json typed = {{"minutes", form["minutes"]}};
        if (refused.status == 409) typed["conflict_minutes"] = text_of(refused.current["minutes"]);
        return meeting_page(sql, req, typed, refused.errors, refused.status);
      });
}

Response record_decision(db::Database& db, const Request& req) {
  auto form = req.form();
  return meeting_form(
      db, req, ProjectRight::kDecide,
      [&](soci::session& sql, const Meeting& m) {
        auto input = core::Input::from_form(form);
        projects::ProjectStore(sql, req.who().tenant_id)
            .record_decision(&req.who(), m.project_id, meeting_decision(m, input, req.who()));
        return Response::redirect(meeting_url(m) + "?saved=1#decisions-heading");
      },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        json errors = json::object();
        for (const auto& [k, v] : refused.errors.items()) errors["decision_" + k] = v;
        return meeting_page(sql, req, {{"decision", form["decision"]}}, errors, refused.status);
      });
}

Response cancel(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto m = meeting_for(*sql, req, ProjectRight::kEdit);
  MeetingStore(*sql, req.who().tenant_id).remove(&req.who(), m.id);
  return Response::redirect("/projects/" + m.project_id + "?saved=1#meetings-heading");
}

// The invitations go to the outbox; the page says how many and who has no address.
Response invite(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto m = meeting_for(*sql, req, ProjectRight::kEdit);
  auto title = projects::ProjectStore(*sql, req.who().tenant_id).get(m.project_id).title;
  auto sent = send_invitations(*sql, req.who().tenant_id, m, title, req.who().tenant_time_zone);
  return Response::redirect(meeting_url(m) + "?invited=" + std::to_string(sent.queued.size()) +
                            "&skipped=" + std::to_string(sent.skipped.size()));
}

Response shown(db::Database& db, const Request& req) {
  return meeting_page(*db.lease(), req, json::object(), json::object(), 200);
}

}  // namespace

void add_meeting_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/projects/{id}/meetings/{meeting}", shown,
                         "A meeting: agenda, attendance, minutes, decisions"},
                        {"POST", "/projects/{id}/meetings/{meeting}/delete", cancel,
                         "Cancel a meeting from the form"},
                        {"POST", "/projects/{id}/meetings/{meeting}/attendance", save_attendance,
                         "Record attendance from the form"},
                        {"POST", "/projects/{id}/meetings/{meeting}/minutes", save_minutes,
                         "Save the minutes from the form"},
                        {"POST", "/projects/{id}/meetings/{meeting}/decisions", record_decision,
                         "Record a decision taken at the meeting from the form"},
                        {"POST", "/projects/{id}/meetings/{meeting}/invitations", invite,
                         "Mail the people invited an invitation with the .ics, from the page"}});
}

}  // namespace meetings
