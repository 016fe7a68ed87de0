#include "meetings/icalendar.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "core/time.hpp"

namespace meetings {
namespace {

constexpr std::size_t kMaxOctets = 75;

// "2026-04-14T09:00" → "20260414T090000"; "2026-04-14" → "20260414".
std::string compact_local(const std::string& t) {
  std::string out;
  for (char c : t) {
    if (c != '-' && c != ':') out.push_back(c);
  }
  if (out.size() == 13) out += "00";  // add seconds
  return out;
}

// "2026-04-01T10:00:00.000Z" → "20260401T100000Z".
std::string compact_utc(const std::string& iso) {
  std::string out;
  for (char c : iso.substr(0, 19)) {
    if (c != '-' && c != ':') out.push_back(c);
  }
  return out + "Z";
}

void line(std::string& out, std::string_view text) {
  out += ics_fold(text);
  out += "\r\n";
}

std::string utc_offset(int minutes) {
  char sign = minutes < 0 ? '-' : '+';
  minutes = std::abs(minutes);
  return fmt::format("{}{:02}{:02}", sign, minutes / 60, minutes % 60);
}

// The zone's rules (core::TimeZone): its standard offset and, where it has summer time, the
// EU rule (last Sunday of March to the last Sunday of October, at 01:00 UTC).
void timezone_block(std::string& out, const std::string& tzid) {
  const auto& zone = core::time_zone(tzid);
  int standard = zone.standard_offset_minutes;
  line(out, "BEGIN:VTIMEZONE");
  line(out, "TZID:" + tzid);
  if (zone.eu_summer_time) {
    int switch_hour = 1 + standard / 60;  // 01:00 UTC in local standard time
    line(out, "BEGIN:DAYLIGHT");
    line(out, "TZOFFSETFROM:" + utc_offset(standard));
    line(out, "TZOFFSETTO:" + utc_offset(standard + 60));
    line(out, fmt::format("DTSTART:19810329T{:02}0000", switch_hour));
    line(out, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    line(out, "END:DAYLIGHT");
    line(out, "BEGIN:STANDARD");
    line(out, "TZOFFSETFROM:" + utc_offset(standard + 60));
    line(out, "TZOFFSETTO:" + utc_offset(standard));
    line(out, fmt::format("DTSTART:19961027T{:02}0000", switch_hour + 1));
    line(out, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
    line(out, "END:STANDARD");
  } else {
    line(out, "BEGIN:STANDARD");
    line(out, "TZOFFSETFROM:" + utc_offset(standard));
    line(out, "TZOFFSETTO:" + utc_offset(standard));
    line(out, "DTSTART:19700101T000000");
    line(out, "END:STANDARD");
  }
  line(out, "END:VTIMEZONE");
}

// A CN parameter: always quoted, so commas, semicolons and colons in a name are safe;
// a parameter value cannot hold a double quote or a control character (RFC 5545 3.1).
std::string quoted_param(std::string_view text) {
  std::string out = "\"";
  for (char c : text)
    if (c != '"' && (static_cast<unsigned char>(c) >= 0x20 || c == '\t') && c != 0x7f)
      out.push_back(c);
  return out + "\"";
}

// "mailto:" and the address, with nothing in it that could end the line or the value.
std::string mailto(std::string_view email) {
  std::string out = "mailto:";
  for (char c : email)
    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7f && c != '"') out.push_back(c);
  return out;
}

void people(std::string& out, const CalendarEvent& e) {
  if (e.organizer && !e.organizer->email.empty())
    line(out, "ORGANIZER;CN=" + quoted_param(e.organizer->name) + ":" + mailto(e.organizer->email));
  for (const auto& a : e.attendees) {
    if (a.email.empty()) continue;
    line(out, "ATTENDEE;CN=" + quoted_param(a.name) + ";ROLE=REQ-PARTICIPANT:" + mailto(a.email));
  }
}

}  // namespace

std::string ics_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) break;
        out.push_back(c);
    }
  }
  return out;
}

std::string ics_fold(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  std::size_t room = kMaxOctets;
  while (text.size() - pos > room) {
    std::size_t cut = pos + room;
    // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
    while (cut > pos && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out.append(text.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    room = kMaxOctets - 1;  // the leading space counts
  }
  out.append(text.substr(pos));
  return out;
}

std::string render_calendar(const Calendar& cal) {
  std::string out;
  line(out, "BEGIN:VCALENDAR");
  line(out, "VERSION:2.0");
  line(out, "PRODID:-//fremdrift//fremdrift//EN");
  line(out, "CALSCALE:GREGORIAN");
  line(out, "METHOD:PUBLISH");
  if (!cal.name.empty()) line(out, "X-WR-CALNAME:" + ics_escape(cal.name));
  bool timed = std::any_of(cal.events.begin(), cal.events.end(),
                           [](const CalendarEvent& e) { return !e.all_day; });
  if (timed) {
    line(out, "X-WR-TIMEZONE:" + cal.time_zone);
    timezone_block(out, cal.time_zone);
  }
  for (const auto& e : cal.events) {
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + e.uid);
    line(out, "DTSTAMP:" + compact_utc(e.stamp));
    line(out, "LAST-MODIFIED:" + compact_utc(e.stamp));
    line(out, "SEQUENCE:" + std::to_string(e.sequence));
    if (e.all_day) {
      line(out, "DTSTART;VALUE=DATE:" + compact_local(e.start));
      line(out, "DTEND;VALUE=DATE:" + compact_local(e.end));
      line(out, "TRANSP:TRANSPARENT");  // a deadline does not make the person busy
    } else {
      line(out, "DTSTART;TZID=" + cal.time_zone + ":" + compact_local(e.start));
      line(out, "DTEND;TZID=" + cal.time_zone + ":" + compact_local(e.end));
    }
    line(out, "SUMMARY:" + ics_escape(e.summary));
    if (!e.description.empty()) line(out, "DESCRIPTION:" + ics_escape(e.description));
    if (!e.location.empty()) line(out, "LOCATION:" + ics_escape(e.location));
    people(out, e);
    if (!e.url.empty()) line(out, "URL:" + e.url);
    line(out, "END:VEVENT");
  }
  line(out, "END:VCALENDAR");
  return out;
}

}  // namespace meetings
