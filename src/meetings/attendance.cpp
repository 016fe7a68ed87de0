#include "meetings/attendance.hpp"

#include <algorithm>

namespace meetings {

AttendanceByUnit attendance_by_unit(std::vector<MeetingPresence> meetings,
                                    const std::vector<std::string>& involved_units) {
  meetings.erase(std::remove_if(meetings.begin(), meetings.end(),
                                [](const MeetingPresence& m) { return !m.recorded; }),
                 meetings.end());
  // Same start: creation order (ids are time-ordered) keeps the result stable.
  std::sort(
      meetings.begin(), meetings.end(), [](const MeetingPresence& a, const MeetingPresence& b) {
        return a.starts_at != b.starts_at ? a.starts_at < b.starts_at : a.meeting_id < b.meeting_id;
      });
  AttendanceByUnit out;
  for (const auto& m : meetings) out.meeting_ids.push_back(m.meeting_id);
  for (const auto& unit : involved_units) {
    UnitAttendance row;
    row.unit_id = unit;
    for (const auto& m : meetings) {
      bool here = m.unit_ids.count(unit) != 0;
      row.present.push_back(here);
      row.current_absence = here ? 0 : row.current_absence + 1;
      row.longest_absence = std::max(row.longest_absence, row.current_absence);
    }
    row.flagged = row.longest_absence >= kAbsencesThatFlag;
    out.units.push_back(std::move(row));
  }
  return out;
}

}  // namespace meetings
