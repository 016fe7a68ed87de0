#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "meetings/attendance.hpp"
#include "meetings/meeting.hpp"

namespace meetings {

// An attendance row with the names a page or a client needs.
struct Attendee {
  AttendanceEntry entry;
  std::string person_name;
  std::optional<std::string> person_email;  // for calendar files, not in the JSON
  std::optional<std::string> unit_id;
  std::optional<std::string> substitute_person_name;
};

nlohmann::json to_json(const Attendee& attendee);

// A checklist item with a due date, for a person's deadline feed.
struct Deadline {
  std::string item_id;
  std::string project_id;
  std::string project_title;
  nlohmann::json text;  // {"da","sv","en"}
  std::string status;
  std::string due_date;
  std::string updated_at;
  long long version = 1;
};

class MeetingStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // One meeting, or a series when its `repeat` has more than one occurrence; each is
  // invited the project's role holders for its kind. Returns the first, with every
  // created meeting in `occurrences`.
  Meeting create(const core::AuthContext* who, const std::string& project_id,
                 const Meeting& meeting);
  // A project's meetings in time order; `series_id` filters when not empty.
  std::vector<Meeting> of_project(const std::string& project_id, const std::string& series_id = "");
  // The project's first meeting starting at or after `now` (local time), without its
  // attendance.
  std::optional<Meeting> next_of_project(const std::string& project_id, const std::string& now);
  // The start of the project's latest meeting of `kind` ("" when it has none).
  std::string latest_start(const std::string& project_id, const std::string& kind);
  Meeting get(const std::string& id);  // NotFound when not in this tenant
  // Conflict (with the stored meeting) when `expected_version` is not the stored one.
  Meeting update(const core::AuthContext* who, const Meeting& changed, long long expected_version);
  // Conflict when decisions were taken at the meeting: the log keeps its history.
  void remove(const core::AuthContext* who, const std::string& id);

  std::vector<Attendee> attendance(const std::string& meeting_id);
  // Replaces the meeting's attendance list. ValidationError for people not in the tenant.
  std::vector<Attendee> set_attendance(const core::AuthContext* who, const std::string& meeting_id,
                                       const std::vector<AttendanceEntry>& entries);

  // Which involved units were represented at each of a project's meetings. A person
  // counts for their own unit and every unit above it.
  AttendanceByUnit attendance_by_unit(const std::string& project_id);

  // Checklist items due, across the tenant's projects, whose responsible is `person_id`.
  std::vector<Deadline> deadlines_of(const std::string& person_id);

 private:
  void insert(const Meeting& m);
  void invite(const std::string& meeting_id, const std::vector<std::string>& person_ids);
  bool recorded(const std::string& meeting_id);
  std::vector<std::string> invitees(const std::string& project_id, const std::string& kind);
};

}  // namespace meetings
