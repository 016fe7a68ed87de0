#pragma once

#include <set>
#include <string>
#include <vector>

namespace meetings {

// One meeting seen from the units: which involved units had someone there.
struct MeetingPresence {
  std::string meeting_id;
  std::string starts_at;
  bool recorded = false;           // attendance was taken; unrecorded meetings do not count
  std::set<std::string> unit_ids;  // units with someone present or a substitute
};

struct UnitAttendance {
  std::string unit_id;
  std::vector<bool> present;  // one per counted meeting, in time order
  int longest_absence = 0;    // most meetings missed in a row
  int current_absence = 0;    // meetings missed in a row up to the latest one
  bool flagged = false;       // missed two meetings in a row at some point
};

struct AttendanceByUnit {
  std::vector<std::string> meeting_ids;  // counted meetings, in time order
  std::vector<UnitAttendance> units;     // in the order of `involved_units`
};

// Seed 000: one absent unit can short-circuit a cross-unit project, so any
// involved unit absent from two counted meetings in a row is flagged.
inline constexpr int kAbsencesThatFlag = 2;

AttendanceByUnit attendance_by_unit(std::vector<MeetingPresence> meetings,
                                    const std::vector<std::string>& involved_units);

}  // namespace meetings
