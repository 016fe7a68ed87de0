#include "meetings/meeting_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"

namespace meetings {
namespace {

using nlohmann::json;

constexpr std::string_view kColumns =
    "id, project_id, kind, title, starts_at, duration_minutes, location, agenda, minutes, "
    "series_id, version, created_at, updated_at";

constexpr std::string_view kInsert =
    "INSERT INTO meetings (tenant_id, id, project_id, kind, title, starts_at, duration_minutes, "
    "location, agenda, minutes, series_id, version, created_at, updated_at) VALUES (:tenant_id, "
    ":id, :project_id, :kind, :title, :starts_at, :duration_minutes, :location, :agenda, :minutes, "
    ":series_id, 1, :created_at, :updated_at)";

constexpr std::string_view kUpdate =
    "UPDATE meetings SET kind = :kind, title = :title, starts_at = :starts_at, "
    "duration_minutes = :duration_minutes, location = :location, agenda = :agenda, "
    "minutes = :minutes, version = version + 1, updated_at = :updated_at "
    "WHERE tenant_id = :tenant_id AND id = :id AND version = :version";

constexpr std::string_view kDelete =
    "DELETE FROM meetings WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kDecisionCount =
    "SELECT COUNT(*) FROM decisions WHERE tenant_id = :tenant_id AND meeting_id = :meeting_id";

constexpr std::string_view kAttendance =
    "SELECT a.person_id AS person_id, a.status AS status, "
    "a.substitute_person_id AS substitute_person_id, a.substitute_name AS substitute_name, "
    "p.name AS person_name, p.unit_id AS unit_id, s.name AS substitute_person_name "
    "FROM meeting_attendance a JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id "
    "LEFT JOIN people s ON s.tenant_id = a.tenant_id AND s.id = a.substitute_person_id "
    "WHERE a.tenant_id = :tenant_id AND a.meeting_id = :meeting_id ORDER BY p.name, a.person_id";
constexpr std::string_view kInsertAttendance =
    "INSERT INTO meeting_attendance (tenant_id, meeting_id, person_id, status, "
    "substitute_person_id, substitute_name) VALUES (:tenant_id, :meeting_id, :person_id, :status, "
    ":substitute_person_id, :substitute_name)";
constexpr std::string_view kDeleteAttendance =
    "DELETE FROM meeting_attendance WHERE tenant_id = :tenant_id AND meeting_id = :meeting_id";
constexpr std::string_view kRecorded =
    "SELECT COUNT(*) FROM meeting_attendance WHERE tenant_id = :tenant_id AND "
    "meeting_id = :meeting_id AND status IS NOT NULL";
constexpr std::string_view kRecordedOfProject =
    "SELECT DISTINCT a.meeting_id FROM meeting_attendance a JOIN meetings m "
    "ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id WHERE a.tenant_id = :tenant_id AND "
    "m.project_id = :project_id AND a.status IS NOT NULL";
constexpr std::string_view kPersonExists =
    "SELECT COUNT(*) FROM people WHERE tenant_id = :tenant_id AND id = :id";

// Who was there, per meeting of a project: present people and substitutes count for
// the invited person's unit, a substitute who is a person also for their own.
constexpr std::string_view kPresence =
    "SELECT a.meeting_id AS meeting_id, p.unit_id AS unit_id, s.unit_id AS substitute_unit_id "
    "FROM meeting_attendance a JOIN meetings m ON m.tenant_id = a.tenant_id AND m.id = "
    "a.meeting_id "
    "JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id "
    "LEFT JOIN people s ON s.tenant_id = a.tenant_id AND s.id = a.substitute_person_id "
    "WHERE a.tenant_id = :tenant_id AND m.project_id = :project_id "
    "AND a.status IN ('present', 'substitute')";

constexpr std::string_view kDeadlines =
    "SELECT c.id AS id, c.project_id AS project_id, p.title AS project_title, c.text AS text, "
    "c.status AS status, c.due_date AS due_date, c.updated_at AS updated_at, c.version AS version "
    "FROM checklist_items c JOIN projects p ON p.tenant_id = c.tenant_id AND p.id = c.project_id "
    "WHERE c.tenant_id = :tenant_id AND c.responsible_id = :person_id AND c.due_date IS NOT NULL "
    "ORDER BY c.due_date, c.id";

// Wall times are the tenant's; without a caller (demo data) the default zone's.
const core::TimeZone& zone_of(const core::AuthContext* who) {
  return core::time_zone(who ? who->tenant_time_zone : std::string(core::kDefaultTimeZone));
}

Meeting from_row(const soci::row& r) {
  Meeting m;
  m.id = db::text(r, "id");
  m.project_id = db::text(r, "project_id");
  m.kind = db::text(r, "kind");
  m.title = db::text(r, "title");
  m.starts_at = db::text(r, "starts_at");
  m.duration_minutes = static_cast<int>(db::integer(r, "duration_minutes"));
  m.location = db::opt_text(r, "location");
  auto agenda = json::parse(db::text(r, "agenda"), nullptr, false);
  if (agenda.is_array()) {
    for (const auto& a : agenda) {
      if (a.is_string()) m.agenda.push_back(a.get<std::string>());
    }
  }
  m.minutes = db::opt_text(r, "minutes");
  m.series_id = db::opt_text(r, "series_id");
  m.version = db::integer(r, "version");
  m.created_at = db::text(r, "created_at");
  m.updated_at = db::text(r, "updated_at");
  return m;
}

}  // namespace

json to_json(const Attendee& a) {
  json j = to_json(a.entry);
  j["person_name"] = a.person_name;
  j["unit_id"] = a.unit_id ? json(*a.unit_id) : json();
  if (a.substitute_person_name && !a.entry.substitute_name) {
    j["substitute_name"] = *a.substitute_person_name;
  }
  return j;
}

void MeetingStore::insert(const Meeting& m) {
  std::string agenda = json(m.agenda).dump();
  db::NullableText location(m.location), minutes(m.minutes), series(m.series_id);
  sql_ << kInsert, soci::use(tenant_id_, "tenant_id"), soci::use(m.id, "id"),
      soci::use(m.project_id, "project_id"), soci::use(m.kind, "kind"), soci::use(m.title, "title"),
      soci::use(m.starts_at, "starts_at"), soci::use(m.duration_minutes, "duration_minutes"),
      soci::use(location.value, location.ind, "location"), soci::use(agenda, "agenda"),
      soci::use(minutes.value, minutes.ind, "minutes"),
      soci::use(series.value, series.ind, "series_id"), soci::use(m.created_at, "created_at"),
      soci::use(m.updated_at, "updated_at");
}

void MeetingStore::invite(const std::string& meeting_id, const std::vector<std::string>& people) {
  db::NullableText none(std::nullopt);
  for (const auto& person : people) {
    sql_ << kInsertAttendance, soci::use(tenant_id_, "tenant_id"),
        soci::use(meeting_id, "meeting_id"), soci::use(person, "person_id"),
        soci::use(none.value, none.ind, "status"),
        soci::use(none.value, none.ind, "substitute_person_id"),
        soci::use(none.value, none.ind, "substitute_name");
  }
}

std::vector<std::string> MeetingStore::invitees(const std::string& project_id,
                                                const std::string& kind) {
  auto roles = invited_roles(kind);
  std::vector<std::string> invited;
  for (const auto& h : projects::RoleStore(sql_, tenant_id_).holders(project_id)) {
    if (std::find(roles.begin(), roles.end(), h.role) != roles.end() &&
        std::find(invited.begin(), invited.end(), h.person_id) == invited.end()) {
      invited.push_back(h.person_id);
    }
  }
  return invited;
}

Meeting MeetingStore::create(const core::AuthContext* who, const std::string& project_id,
                             const Meeting& meeting) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).get(project_id);
  Meeting first = meeting;
  first.project_id = project_id;
  first.starts_at = local_start(first.starts_at, zone_of(who));
  first.created_at = first.updated_at = core::now_iso();
  Repeat r = meeting.repeat.value_or(Repeat{});
  if (r.count > 1) first.series_id = core::new_id();
  // Invite the role holders of the kind, each person once.
  auto invited = invitees(project_id, first.kind);
  std::vector<Occurrence> created;
  for (auto m : expand_series(first, r)) {
    m.id = core::new_id();
    insert(m);
    invite(m.id, invited);
    json audited = to_json(m);
    audited["invited"] = invited;
    audit::record(sql_, tenant_id_, who, "meeting", m.id, "create", nullptr, audited);
    created.push_back({m.id, m.starts_at});
  }
  tx.commit();
  first.id = created.front().id;
  first.starts_at = created.front().starts_at;
  first.occurrences = std::move(created);
  return first;
}

bool MeetingStore::recorded(const std::string& meeting_id) {
  int n = 0;
  sql_ << kRecorded, soci::use(tenant_id_, "tenant_id"), soci::use(meeting_id, "meeting_id"),
      soci::into(n);
  return n > 0;
}

std::vector<Meeting> MeetingStore::of_project(const std::string& project_id,
                                              const std::string& series_id) {
  projects::ProjectStore(sql_, tenant_id_).get(project_id);
  std::set<std::string> with_attendance;
  {
    soci::rowset<std::string> rows =
        (sql_.prepare << kRecordedOfProject, soci::use(tenant_id_, "tenant_id"),
         soci::use(project_id, "project_id"));
    for (const auto& id : rows) with_attendance.insert(id);
  }
  std::string q = "SELECT " + std::string(kColumns) +
                  " FROM meetings WHERE tenant_id = :tenant_id AND project_id = :project_id "
                  "ORDER BY starts_at, id";
  std::vector<Meeting> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id"));
  for (const auto& r : rows) {
    auto m = from_row(r);
    if (!series_id.empty() && m.series_id.value_or("") != series_id) continue;
    m.attendance_recorded = with_attendance.count(m.id) != 0;
    out.push_back(std::move(m));
  }
  return out;
}

Meeting MeetingStore::get(const std::string& id) {
  std::string q = "SELECT " + std::string(kColumns) +
                  " FROM meetings WHERE tenant_id = :tenant_id AND id = :id";
  std::optional<Meeting> found;
  {
    soci::rowset<soci::row> rows =
        (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"));
    for (const auto& r : rows) found = from_row(r);
  }
  if (!found) throw core::NotFound("no meeting with id " + id);
  found->attendance_recorded = recorded(id);
  return *found;
}

Meeting MeetingStore::update(const core::AuthContext* who, const Meeting& changed,
                             long long expected_version) {
  return kit::versioned_update<Meeting>(
      sql_, tenant_id_, who, "meeting", changed.id, expected_version,
      [&] { return get(changed.id); },
      [&](long long version) {
        std::string starts_at = local_start(changed.starts_at, zone_of(who));
        std::string agenda = json(changed.agenda).dump();
        std::string updated_at = core::now_iso();
        db::NullableText location(changed.location), minutes(changed.minutes);
        soci::statement st =
            (sql_.prepare << kUpdate, soci::use(changed.kind, "kind"),
             soci::use(changed.title, "title"), soci::use(starts_at, "starts_at"),
             soci::use(changed.duration_minutes, "duration_minutes"),
             soci::use(location.value, location.ind, "location"), soci::use(agenda, "agenda"),
             soci::use(minutes.value, minutes.ind, "minutes"), soci::use(updated_at, "updated_at"),
             soci::use(tenant_id_, "tenant_id"), soci::use(changed.id, "id"),
             soci::use(version, "version"));
        return kit::changed_rows(st);
      },
      [](const Meeting& m) { return to_json(m); }, "the meeting was changed by someone else");
}

void MeetingStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  Meeting before = get(id);
  int decisions = 0;
  sql_ << kDecisionCount, soci::use(tenant_id_, "tenant_id"), soci::use(id, "meeting_id"),
      soci::into(decisions);
  if (decisions > 0) {
    throw core::Conflict("decisions were taken at the meeting; it stays in the log",
                         to_json(before), "meeting_has_decisions");
  }
  sql_ << kDeleteAttendance, soci::use(tenant_id_, "tenant_id"), soci::use(id, "meeting_id");
  sql_ << kDelete, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id");
  audit::record(sql_, tenant_id_, who, "meeting", id, "delete", to_json(before), nullptr);
  tx.commit();
}

std::vector<Attendee> MeetingStore::attendance(const std::string& meeting_id) {
  std::vector<Attendee> out;
  soci::rowset<soci::row> rows = (sql_.prepare << kAttendance, soci::use(tenant_id_, "tenant_id"),
                                  soci::use(meeting_id, "meeting_id"));
  for (const auto& r : rows) {
    Attendee a;
    a.entry.person_id = db::text(r, "person_id");
    a.entry.status = db::opt_text(r, "status");
    a.entry.substitute_person_id = db::opt_text(r, "substitute_person_id");
    a.entry.substitute_name = db::opt_text(r, "substitute_name");
    a.person_name = db::text(r, "person_name");
    a.unit_id = db::opt_text(r, "unit_id");
    a.substitute_person_name = db::opt_text(r, "substitute_person_name");
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<Attendee> MeetingStore::set_attendance(const core::AuthContext* who,
                                                   const std::string& meeting_id,
                                                   const std::vector<AttendanceEntry>& entries) {
  db::WriteTx tx(sql_);
  get(meeting_id);
  std::map<std::string, std::string> errors;
  auto exists = [&](const std::string& person) {
    int n = 0;
    sql_ << kPersonExists, soci::use(tenant_id_, "tenant_id"), soci::use(person, "id"),
        soci::into(n);
    return n > 0;
  };
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::string at = "attendance[" + std::to_string(i) + "]";
    if (!exists(entries[i].person_id)) errors[at + ".person_id"] = "no such person";
    if (entries[i].substitute_person_id && !exists(*entries[i].substitute_person_id))
      errors[at + ".substitute_person_id"] = "no such person";
  }
  if (!errors.empty()) throw core::ValidationError(errors);
  json before = json::array();
  for (const auto& a : attendance(meeting_id)) before.push_back(to_json(a.entry));
  sql_ << kDeleteAttendance, soci::use(tenant_id_, "tenant_id"),
      soci::use(meeting_id, "meeting_id");
  json after = json::array();
  for (const auto& e : entries) {
    db::NullableText status(e.status), sub_person(e.substitute_person_id),
        sub_name(e.substitute_name);
    sql_ << kInsertAttendance, soci::use(tenant_id_, "tenant_id"),
        soci::use(meeting_id, "meeting_id"), soci::use(e.person_id, "person_id"),
        soci::use(status.value, status.ind, "status"),
        soci::use(sub_person.value, sub_person.ind, "substitute_person_id"),
        soci::use(sub_name.value, sub_name.ind, "substitute_name");
    after.push_back(to_json(e));
  }
  audit::record(sql_, tenant_id_, who, "meeting_attendance", meeting_id, "update",
                {{"attendance", before}}, {{"attendance", after}});
  tx.commit();
  return attendance(meeting_id);
}

AttendanceByUnit MeetingStore::attendance_by_unit(const std::string& project_id) {
  auto project = projects::ProjectStore(sql_, tenant_id_).get(project_id);
  std::map<std::string, std::optional<std::string>> parent_of;
  for (const auto& u : org::UnitStore(sql_, tenant_id_).all()) parent_of[u.id] = u.parent_id;
  // A person in a team counts for the involved unit above the team as well.
  auto with_ancestors = [&](const std::string& unit, std::set<std::string>& into) {
    std::optional<std::string> at = unit;
    for (int guard = 0; at && guard < 64; ++guard) {
      into.insert(*at);
      auto it = parent_of.find(*at);
      at = it == parent_of.end() ? std::nullopt : it->second;
    }
  };
  std::vector<MeetingPresence> presence;
  std::map<std::string, std::size_t> index;
  for (const auto& m : of_project(project_id)) {
    index[m.id] = presence.size();
    presence.push_back({m.id, m.starts_at, m.attendance_recorded, {}});
  }
  soci::rowset<soci::row> rows = (sql_.prepare << kPresence, soci::use(tenant_id_, "tenant_id"),
                                  soci::use(project_id, "project_id"));
  for (const auto& r : rows) {
    auto it = index.find(db::text(r, "meeting_id"));
    if (it == index.end()) continue;
    for (const char* column : {"unit_id", "substitute_unit_id"}) {
      if (auto unit = db::opt_text(r, column)) with_ancestors(*unit, presence[it->second].unit_ids);
    }
  }
  return meetings::attendance_by_unit(presence, project.unit_ids);
}

std::vector<Deadline> MeetingStore::deadlines_of(const std::string& person_id) {
  int n = 0;
  sql_ << kPersonExists, soci::use(tenant_id_, "tenant_id"), soci::use(person_id, "id"),
      soci::into(n);
  if (n == 0) throw core::NotFound("no person with id " + person_id);
  std::vector<Deadline> out;
  soci::rowset<soci::row> rows = (sql_.prepare << kDeadlines, soci::use(tenant_id_, "tenant_id"),
                                  soci::use(person_id, "person_id"));
  for (const auto& r : rows) {
    Deadline d;
    d.item_id = db::text(r, "id");
    d.project_id = db::text(r, "project_id");
    d.project_title = db::text(r, "project_title");
    d.text = json::parse(db::text(r, "text"), nullptr, false);
    d.status = db::text(r, "status");
    d.due_date = db::text(r, "due_date");
    d.updated_at = db::text(r, "updated_at");
    d.version = db::integer(r, "version");
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace meetings
