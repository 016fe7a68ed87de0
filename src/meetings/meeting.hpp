#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "core/time.hpp"
#include "kit/fields.hpp"

namespace meetings {

inline const std::vector<std::string> kKinds = {"steering_group", "project_group", "kaizen"};
inline const std::vector<std::string> kAttendanceStatuses = {"present", "absent", "substitute"};
// Seed 000: kaizen meetings last at most one hour; it is the default for every kind.
inline constexpr int kDefaultDuration = 60;
inline constexpr int kMinDuration = 5;
inline constexpr int kMaxDuration = 1440;
inline constexpr int kMaxAgendaItems = 50;
inline constexpr std::size_t kAgendaItemMax = 500;
inline constexpr int kMaxOccurrences = 52;
inline constexpr int kMaxEveryDays = 365;

// "Every 14 days, 6 times": the occurrences of a series created at once.
struct Repeat {
  int every_days = 14;
  int count = 1;
};

// One meeting of a series as its create answers it.
struct Occurrence {
  std::string id;
  std::string starts_at;
};

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
  // Read on create, not stored: a series at once.
  std::optional<Repeat> repeat;
  // Filled by the store's create: every meeting of a new series (the first included).
  std::vector<Occurrence> occurrences;
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

// The meeting's fields, named once (kit/fields.hpp). kind, title and starts_at are
// required on create; agenda as an array, or one item per line from a form; `repeat`
// {every_days, count} (or repeat_every_days / repeat_count from a form, with "repeat"
// present) makes a series. starts_at: a local time ("2026-04-14T09:00") or an RFC 3339
// instant with "Z" or an offset; the store keeps it as the tenant's wall time
// (local_start).
const kit::Fields<Meeting>& meeting_fields();
// starts_at as wall time in `zone`; unchanged when it is not a time.
std::string local_start(const std::string& starts_at, const core::TimeZone& zone);
// The optional `repeat` object {every_days, count} (or repeat_every_days / repeat_count
// from a form). nullopt when absent.
std::optional<Repeat> parse_repeat(core::Input& input);
// A list of {person_id, status, substitute_person_id?, substitute_name?}; ValidationError
// naming the entry ("attendance[2].status") when one is wrong.
std::vector<AttendanceEntry> parse_attendance(const nlohmann::json& list);

// The meetings of a series: the first plus every_days apart, same time of day.
std::vector<Meeting> expand_series(const Meeting& first, const Repeat& repeat);

// Project roles invited to a meeting of `kind` by default (seed 000 and 003).
std::vector<std::string> invited_roles(const std::string& kind);

std::string ends_at(const Meeting& meeting);
nlohmann::json to_json(const Meeting& meeting);
nlohmann::json to_json(const AttendanceEntry& entry);

}  // namespace meetings
