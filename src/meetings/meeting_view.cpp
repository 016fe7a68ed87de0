#include "meetings/meeting_view.hpp"

#include <map>

#include "meetings/icalendar.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/method_template.hpp"
#include "projects/project_input.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"
#include "web/i18n.hpp"
#include "web/public_url.hpp"

namespace meetings {

using nlohmann::json;

namespace {

// An event of a stored row: its id makes the uid, and each saved version raises the
// sequence so calendars replace what they imported before.
CalendarEvent event_of(const std::string& id, const std::string& updated_at, long long version) {
  CalendarEvent e;
  e.uid = id + "@fremdrift";
  e.stamp = updated_at;
  e.sequence = version - 1;
  return e;
}

}  // namespace

projects::GateDecision meeting_decision(const Meeting& m, core::Input& input,
                                        const core::AuthContext& who) {
  const auto& raw = input.raw();
  bool dated = raw.contains("decided_on") && raw["decided_on"].is_string() &&
               !raw["decided_on"].get<std::string>().empty();
  auto decision = projects::parse_gate_decision(input, who, false, m.kind);
  input.check();
  if (!dated) decision.decided_on = m.starts_at.substr(0, 10);
  decision.meeting_id = m.id;
  return decision;
}

json meeting_detail(soci::session& sql, const std::string& tenant_id, const Meeting& m,
                    const std::string& locale) {
  MeetingStore store(sql, tenant_id);
  json j = to_json(m);
  j["attendance"] = json::array();
  for (const auto& a : store.attendance(m.id)) j["attendance"].push_back(to_json(a));
  j["decisions"] = json::array();
  for (const auto& d : projects::ProjectStore(sql, tenant_id).decisions(m.project_id, "", locale)) {
    if (d["meeting_id"] == m.id) j["decisions"].push_back(d);
  }
  return j;
}

json attendance_by_unit_json(soci::session& sql, const std::string& tenant_id,
                             const std::string& project_id) {
  MeetingStore store(sql, tenant_id);
  auto table = store.attendance_by_unit(project_id);
  std::map<std::string, Meeting> by_id;
  int not_counted = 0;
  for (auto& m : store.of_project(project_id)) {
    if (!m.attendance_recorded) ++not_counted;
    by_id[m.id] = m;
  }
  std::map<std::string, std::string> unit_names;
  for (const auto& u : org::UnitStore(sql, tenant_id).all()) unit_names[u.id] = u.name;
  json meetings = json::array();
  for (const auto& id : table.meeting_ids) {
    const auto& m = by_id[id];
    meetings.push_back(
        {{"id", id}, {"starts_at", m.starts_at}, {"kind", m.kind}, {"title", m.title}});
  }
  json units = json::array();
  json flagged = json::array();
  for (const auto& u : table.units) {
    units.push_back({{"unit_id", u.unit_id},
                     {"unit_name", unit_names.count(u.unit_id) ? unit_names[u.unit_id] : u.unit_id},
                     {"present", u.present},
                     {"longest_absence", u.longest_absence},
                     {"current_absence", u.current_absence},
                     {"flagged", u.flagged}});
    if (u.flagged) flagged.push_back(u.unit_id);
  }
  return {{"project_id", project_id},
          {"meetings", meetings},
          {"units", units},
          {"flagged_unit_ids", flagged},
          {"meetings_without_attendance", not_counted}};
}

namespace {

// The project leader (the first with an e-mail address) organises a project's meetings.
std::optional<CalendarPerson> organizer_of(soci::session& sql, const std::string& tenant_id,
                                           const std::string& project_id) {
  org::PersonStore people(sql, tenant_id);
  for (const auto& h : projects::RoleStore(sql, tenant_id).holders(project_id)) {
    if (h.role != "project_leader") continue;
    auto p = people.find(h.person_id);
    if (p && p->email && !p->email->empty()) return CalendarPerson{p->name, *p->email};
  }
  return std::nullopt;
}

}  // namespace

std::string meetings_calendar(soci::session& sql, const std::string& tenant_id,
                              const std::vector<Meeting>& meetings, const std::string& name,
                              const std::string& locale, const std::string& time_zone) {
  MeetingStore store(sql, tenant_id);
  std::map<std::string, std::optional<CalendarPerson>> organizers;  // by project
  Calendar cal;
  cal.name = name;
  cal.time_zone = time_zone;
  for (const auto& m : meetings) {
    auto e = event_of(m.id, m.updated_at, m.version);
    e.start = m.starts_at;
    e.end = ends_at(m);
    e.summary = m.title;
    std::string description = web::t(locale, "meeting.kind." + m.kind);
    if (!m.agenda.empty()) {
      description += "\n\n" + web::t(locale, "meeting_agenda") + ":";
      for (std::size_t i = 0; i < m.agenda.size(); ++i)
        description += "\n" + std::to_string(i + 1) + ". " + m.agenda[i];
    }
    e.description = description;
    e.location = m.location.value_or("");
    if (!organizers.count(m.project_id))
      organizers[m.project_id] = organizer_of(sql, tenant_id, m.project_id);
    e.organizer = organizers[m.project_id];
    for (const auto& a : store.attendance(m.id))
      if (a.person_email) e.attendees.push_back({a.person_name, *a.person_email});
    if (!web::public_url().empty())
      e.url = web::public_url() + "/projects/" + m.project_id + "/meetings/" + m.id;
    cal.events.push_back(std::move(e));
  }
  return render_calendar(cal);
}

std::string deadlines_calendar(const std::vector<Deadline>& deadlines, const std::string& name,
                               const std::string& locale) {
  Calendar cal;
  cal.name = name;
  for (const auto& d : deadlines) {
    auto e = event_of(d.item_id, d.updated_at, d.version);
    e.all_day = true;
    e.start = d.due_date;
    e.end = plus_days(d.due_date, 1);
    std::string text = projects::localized(d.text, locale);
    e.summary =
        d.status == "open" ? text : "[" + web::t(locale, "item.status." + d.status) + "] " + text;
    e.description = d.project_title;
    cal.events.push_back(std::move(e));
  }
  return render_calendar(cal);
}

}  // namespace meetings
