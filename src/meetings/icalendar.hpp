#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meetings {

// Someone on an event: ORGANIZER or ATTENDEE, by name and e-mail address.
struct CalendarPerson {
  std::string name;
  std::string email;
};

// One VEVENT. Times are either a local wall time in the calendar's zone
// ("2026-04-14T09:00") or, for all-day events, dates ("2026-04-14") with `end`
// the day after the last day, as RFC 5545 wants it.
struct CalendarEvent {
  std::string uid;
  std::string stamp;  // UTC ISO timestamp ("2026-04-01T10:00:00.000Z"): DTSTAMP, LAST-MODIFIED
  std::string start;
  std::string end;
  bool all_day = false;
  std::string summary;
  std::string description;
  std::string location;
  long long sequence = 0;  // bumped on each change so clients replace the imported copy
  std::optional<CalendarPerson> organizer;
  std::vector<CalendarPerson> attendees;  // the people invited
  std::string url;                        // back to the event's page; empty: none
};

struct Calendar {
  std::string name;                             // X-WR-CALNAME, shown by Google and Apple
  std::string time_zone = "Europe/Copenhagen";  // a zone on the EU summer-time rules
  std::vector<CalendarEvent> events;
};

// RFC 5545 3.3.11: backslash, semicolon and comma escaped, line breaks as \n,
// other control characters dropped.
std::string ics_escape(std::string_view text);
// RFC 5545 3.1: lines of at most 75 octets, continued after CRLF and a space,
// never splitting a UTF-8 sequence. The result has no trailing CRLF.
std::string ics_fold(std::string_view line);
// VCALENDAR (PUBLISH) with one VTIMEZONE when any event has a time of day.
std::string render_calendar(const Calendar& calendar);

}  // namespace meetings
