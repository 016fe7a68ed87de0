#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "core/time.hpp"

namespace meetings {

inline const std::vector<std::string> kKinds = {"steering_group", "project_group", "kaizen"};
inline const std::vector<std::string> kAttendanceStatuses = {"present", "absent", "substitute"};
// Seed 000: kaizen meetings last at most one hour; it is the default for every kind.
inline constexpr int kDefaultDuration = 60;
inline constexpr int kMinDuration = 5;
inline constexpr int kMaxDuration = 1440;
inline constexpr int kMaxAgendaItems = 50;
inline constexpr int kMaxOccurrences = 52;
inline constexpr int kMaxEveryDays = 365;

struct Meeting {
  std::string id;
  std::string project_id;
  std::string kind;
  std::string title;
  std::string starts_at;  // local wall time "YYYY-MM-DDTHH:MM" in the tenant's time zone
  int duration_minutes = kDefaultDuration;
  std::optional<std::string> location;
  std::vector<std::string> agenda;
  std::optional<std::string> minutes;
  std::optional<std::string> series_id;
  bool attendance_recorded = false;  // filled by the store
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// Fields of a create or update; absent optionals are left alone.
struct MeetingFields {
  std::optional<std::string> kind, title, starts_at;
  std::optional<int> duration_minutes;
  std::optional<std::optional<std::string>> location, minutes;
  std::optional<std::vector<std::string>> agenda;
};

// "Every 14 days, 6 times": the occurrences of a series created at once.
struct Repeat {
  int every_days = 14;
  int count = 1;
};

struct AttendanceEntry {
  std::string person_id;
  std::optional<std::string> status;  // nullopt: invited, not yet recorded
  std::optional<std::string> substitute_person_id;
  std::optional<std::string> substitute_name;
};

// Wall-clock times and calendar arithmetic come from core/time.hpp.
using core::format_local;
using core::LocalDateTime;
using core::parse_local;
using core::plus_days;
using core::plus_minutes;

// Reads meeting fields from JSON or a form (agenda as an array, or one item per line).
// Records problems in `input`; call input.check() after.
// starts_at: local time in `zone` ("2026-04-14T09:00") or an RFC 3339 instant with "Z" or
// an offset, stored as the zone's local time.
MeetingFields parse_meeting(core::Input& input, bool creating,
                            const core::TimeZone& zone = core::time_zone(core::kDefaultTimeZone));
// The optional `repeat` object {every_days, count} (or repeat_every_days / repeat_count
// from a form). nullopt when absent.
std::optional<Repeat> parse_repeat(core::Input& input);
// A list of {person_id, status, substitute_person_id?, substitute_name?}; ValidationError
// naming the entry ("attendance[2].status") when one is wrong.
std::vector<AttendanceEntry> parse_attendance(const nlohmann::json& list);

Meeting apply_fields(Meeting meeting, const MeetingFields& fields);
// The meetings of a series: the first plus every_days apart, same time of day.
std::vector<Meeting> expand_series(const Meeting& first, const Repeat& repeat);

// Project roles invited to a meeting of `kind` by default (seed 000 and 003).
std::vector<std::string> invited_roles(const std::string& kind);

std::string ends_at(const Meeting& meeting);
nlohmann::json to_json(const Meeting& meeting);
nlohmann::json to_json(const AttendanceEntry& entry);

}  // namespace meetings
