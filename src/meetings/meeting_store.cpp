#include "meetings/meeting_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"

namespace meetings {
namespace {

using nlohmann::json;

// The table keeps the meeting's fields and those its own readers parse (the start, the
// length) or the store sets (the series).
const db::Columns<Meeting>& columns() {
  static const auto c = meeting_fields()
                            .columns("meetings")
                            .text("starts_at", &Meeting::starts_at)
                            .integer("duration_minutes", &Meeting::duration_minutes)
                            .text("series_id", &Meeting::series_id, db::Write::kOnce);
  return c;
}

const std::string& kSelect = columns().select_sql();
const std::string kSelectOfProject =
    kSelect + " AND project_id = :project_id ORDER BY starts_at, id";
const std::string kSelectOne = kSelect + " AND id = :id";
const std::string kSelectNext = kSelect +
                                " AND project_id = :project_id AND starts_at >= :now ORDER BY "
                                "starts_at, id LIMIT 1";
constexpr std::string_view kLastOfKind =
    "SELECT MAX(starts_at) AS starts_at FROM meetings WHERE tenant_id = :tenant_id AND "
    "project_id = :project_id AND kind = :kind";

constexpr std::string_view kDecisionCount =
    "SELECT COUNT(*) FROM decisions WHERE tenant_id = :tenant_id AND meeting_id = :meeting_id";

const db::Columns<AttendanceEntry>& attendance_columns() {
  static const auto c =
      db::Columns<AttendanceEntry>("meeting_attendance", {"tenant_id", "meeting_id"})
          .text("person_id", &AttendanceEntry::person_id)
          .text("status", &AttendanceEntry::status)
          .text("substitute_person_id", &AttendanceEntry::substitute_person_id)
          .text("substitute_name", &AttendanceEntry::substitute_name);
  return c;
}

const std::string kAttendance =
    attendance_columns().select_joined(
        "a",
        "p.name AS person_name, p.email AS person_email, p.unit_id AS unit_id, "
        "s.name AS substitute_person_name",
        "JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id "
        "LEFT JOIN people s ON s.tenant_id = a.tenant_id AND s.id = a.substitute_person_id") +
    " ORDER BY p.name, a.person_id";
constexpr std::string_view kRecorded =
    "SELECT COUNT(*) FROM meeting_attendance WHERE tenant_id = :tenant_id AND "
    "meeting_id = :meeting_id AND status IS NOT NULL";
constexpr std::string_view kRecordedOfProject =
    "SELECT DISTINCT a.meeting_id FROM meeting_attendance a JOIN meetings m "
    "ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id WHERE a.tenant_id = :tenant_id AND "
    "m.project_id = :project_id AND a.status IS NOT NULL";
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

Attendee attendee_from_row(const db::Row& r) {
  static const auto names =
      db::Columns<Attendee>()
          .read_only("person_name", &Attendee::person_name)
          .read_only("person_email", &Attendee::person_email)
          .read_only("unit_id", &Attendee::unit_id)
          .read_only("substitute_person_name", &Attendee::substitute_person_name);
  Attendee a = names.read(r);
  a.entry = attendance_columns().read(r);
  return a;
}

Deadline deadline_from_row(const db::Row& r) {
  static const auto plain = db::Columns<Deadline>()
                                .read_only("id", &Deadline::item_id)
                                .read_only("project_id", &Deadline::project_id)
                                .read_only("project_title", &Deadline::project_title)
                                .read_only("status", &Deadline::status)
                                .read_only("due_date", &Deadline::due_date)
                                .read_only("updated_at", &Deadline::updated_at)
                                .read_only("version", &Deadline::version);
  Deadline d = plain.read(r);
  d.text = json::parse(db::text(r, "text"), nullptr, false);
  return d;
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
  db::execute(sql_, columns().insert_sql(), columns().args(m, {{"tenant_id", tenant_id_}}));
}

void MeetingStore::invite(const std::string& meeting_id, const std::vector<std::string>& people) {
  for (const auto& person : people) {
    db::execute(sql_, attendance_columns().insert_sql(),
                attendance_columns().args({person, std::nullopt, std::nullopt, std::nullopt},
                                          {{"tenant_id", tenant_id_}, {"meeting_id", meeting_id}}));
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
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
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
  return db::scalar(sql_, kRecorded, {{"tenant_id", tenant_id_}, {"meeting_id", meeting_id}}) > 0;
}

std::vector<Meeting> MeetingStore::of_project(const std::string& project_id,
                                              const std::string& series_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  std::set<std::string> with_attendance;
  for (const auto& r :
       db::query(sql_, kRecordedOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}}))
    with_attendance.insert(db::text(r, "meeting_id"));
  std::vector<Meeting> out;
  for (const auto& r :
       db::query(sql_, kSelectOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}})) {
    auto m = columns().read(r);
    if (!series_id.empty() && m.series_id.value_or("") != series_id) continue;
    m.attendance_recorded = with_attendance.count(m.id) != 0;
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<Meeting> MeetingStore::next_of_project(const std::string& project_id,
                                                     const std::string& now) {
  auto rows = db::query(sql_, kSelectNext,
                        {{"tenant_id", tenant_id_}, {"project_id", project_id}, {"now", now}});
  if (rows.empty()) return std::nullopt;
  return columns().read(rows[0]);
}

std::string MeetingStore::latest_start(const std::string& project_id, const std::string& kind) {
  auto rows = db::query(sql_, kLastOfKind,
                        {{"tenant_id", tenant_id_}, {"project_id", project_id}, {"kind", kind}});
  return rows.empty() ? "" : db::opt_text(rows[0], "starts_at").value_or("");
}

Meeting MeetingStore::get(const std::string& id) {
  auto rows = db::query(sql_, kSelectOne, {{"tenant_id", tenant_id_}, {"id", id}});
  if (rows.empty()) throw core::NotFound("no meeting with id " + id);
  Meeting found = columns().read(rows[0]);
  found.attendance_recorded = recorded(id);
  return found;
}

Meeting MeetingStore::update(const core::AuthContext* who, const Meeting& changed,
                             long long expected_version) {
  return kit::versioned_update<Meeting>(
      sql_, tenant_id_, who, "meeting", changed.id, expected_version,
      [&] { return get(changed.id); },
      [&](long long version) {
        Meeting row = changed;
        row.starts_at = local_start(changed.starts_at, zone_of(who));
        return kit::update_row(sql_, columns(), tenant_id_, row, version);
      },
      [](const Meeting& m) { return to_json(m); }, "the meeting was changed by someone else");
}

void MeetingStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  Meeting before = get(id);
  if (db::scalar(sql_, kDecisionCount, {{"tenant_id", tenant_id_}, {"meeting_id", id}}) > 0) {
    throw core::Conflict("decisions were taken at the meeting; it stays in the log",
                         to_json(before), "meeting_has_decisions");
  }
  db::execute(sql_, attendance_columns().delete_sql(),
              {{"tenant_id", tenant_id_}, {"meeting_id", id}});
  db::execute(sql_, columns().delete_sql(), {{"tenant_id", tenant_id_}, {"id", id}});
  audit::record(sql_, tenant_id_, who, "meeting", id, "delete", to_json(before), nullptr);
  tx.commit();
}

std::vector<Attendee> MeetingStore::attendance(const std::string& meeting_id) {
  std::vector<Attendee> out;
  for (const auto& r :
       db::query(sql_, kAttendance, {{"tenant_id", tenant_id_}, {"meeting_id", meeting_id}}))
    out.push_back(attendee_from_row(r));
  return out;
}

std::vector<Attendee> MeetingStore::set_attendance(const core::AuthContext* who,
                                                   const std::string& meeting_id,
                                                   const std::vector<AttendanceEntry>& entries) {
  db::WriteTx tx(sql_);
  get(meeting_id);
  std::map<std::string, std::string> errors;
  auto exists = [&](const std::string& person) {
    return org::PersonStore(sql_, tenant_id_).exists(person);
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
  db::execute(sql_, attendance_columns().delete_sql(),
              {{"tenant_id", tenant_id_}, {"meeting_id", meeting_id}});
  json after = json::array();
  for (const auto& e : entries) {
    db::execute(
        sql_, attendance_columns().insert_sql(),
        attendance_columns().args(e, {{"tenant_id", tenant_id_}, {"meeting_id", meeting_id}}));
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
  for (const auto& r :
       db::query(sql_, kPresence, {{"tenant_id", tenant_id_}, {"project_id", project_id}})) {
    auto it = index.find(db::text(r, "meeting_id"));
    if (it == index.end()) continue;
    for (const char* column : {"unit_id", "substitute_unit_id"}) {
      if (auto unit = db::opt_text(r, column)) with_ancestors(*unit, presence[it->second].unit_ids);
    }
  }
  return meetings::attendance_by_unit(presence, project.unit_ids);
}

std::vector<Deadline> MeetingStore::deadlines_of(const std::string& person_id) {
  if (!org::PersonStore(sql_, tenant_id_).exists(person_id))
    throw core::NotFound("no person with id " + person_id);
  std::vector<Deadline> out;
  for (const auto& r :
       db::query(sql_, kDeadlines, {{"tenant_id", tenant_id_}, {"person_id", person_id}}))
    out.push_back(deadline_from_row(r));
  return out;
}

}  // namespace meetings
