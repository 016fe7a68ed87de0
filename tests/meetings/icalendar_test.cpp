#include "meetings/icalendar.hpp"

#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>

#include "meetings/ics_parser.hpp"

namespace meetings {
namespace {

std::vector<std::string> content_lines(const std::string& ics) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < ics.size()) {
    auto end = ics.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "the text must end with CRLF";
    if (end == std::string::npos) break;
    out.push_back(ics.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

bool starts_utf8_sequence(unsigned char c) { return (c & 0xC0) != 0x80; }

TEST(ICalendarTest, EscapesTextValues) {
  EXPECT_EQ(ics_escape("a,b;c\\d"), "a\\,b\\;c\\\\d");
  EXPECT_EQ(ics_escape("line 1\nline 2\r\nline 3\rend"), "line 1\\nline 2\\nline 3\\nend");
  EXPECT_EQ(ics_escape(std::string("bell\x07tab\t")), "belltab\t");
  EXPECT_EQ(ics_escape("Æblegrød: ø, å"), "Æblegrød: ø\\, å");
}

TEST(ICalendarTest, FoldsAt75OctetsWithoutSplittingUtf8) {
  EXPECT_EQ(ics_fold("short"), "short");
  std::string exact(75, 'x');
  EXPECT_EQ(ics_fold(exact), exact);
  std::string ascii(200, 'a');
  auto folded = ics_fold(ascii);
  EXPECT_EQ(folded.substr(0, 77), std::string(75, 'a') + "\r\n");
  // Unfolding (remove CRLF + one space) gives the original back.
  std::string unfolded;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    unfolded.push_back(folded[i]);
  }
  EXPECT_EQ(unfolded, ascii);
  // "ø" is two octets; placed so that octet 75 would fall in the middle of one.
  std::string danish = "SUMMARY:" + std::string(66, 'a');  // 74 octets
  for (int i = 0; i < 40; ++i) danish += "ø";
  std::istringstream in(ics_fold(danish));
  std::string piece;
  std::string joined;
  bool first = true;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_LE(line.size(), 75u) << line;
    if (!first) {
      ASSERT_EQ(line.front(), ' ');
      line.erase(0, 1);
    }
    ASSERT_FALSE(line.empty());
    EXPECT_TRUE(starts_utf8_sequence(static_cast<unsigned char>(line.front()))) << "split in ø";
    joined += line;
    first = false;
  }
  EXPECT_EQ(joined, danish);
}

Calendar sample() {
  Calendar cal;
  cal.name = "Sammenhængende hjælp, møder";
  CalendarEvent meeting;
  meeting.uid = "01HZZZZZZZZZZZZZZZZZZZZZZZ@fremdrift";
  meeting.stamp = "2026-03-30T08:15:00.000Z";
  meeting.start = "2026-04-14T09:00";
  meeting.end = "2026-04-14T10:00";
  meeting.summary = "Kaizenmøde; KPI'er, forbedringskort\\status";
  meeting.description = "Dagsorden:\n1. KPI'er siden sidst\n2. " + std::string(120, 'x');
  meeting.location = "Jobcentret, mødelokale 2";
  meeting.sequence = 2;
  CalendarEvent winter = meeting;
  winter.uid = "01HYYYYYYYYYYYYYYYYYYYYYYY@fremdrift";
  winter.start = "2026-01-13T13:30";
  winter.end = "2026-01-13T15:00";
  winter.summary = "Styregruppemøde";
  CalendarEvent deadline;
  deadline.uid = "01HXXXXXXXXXXXXXXXXXXXXXXX@fremdrift";
  deadline.stamp = meeting.stamp;
  deadline.all_day = true;
  deadline.start = "2026-05-31";
  deadline.end = "2026-06-01";
  deadline.summary = "Handlingsplanen er godkendt";
  cal.events = {meeting, winter, deadline};
  return cal;
}

TEST(ICalendarTest, RendersAPublishedCalendarWithCrlfAndATimeZone) {
  auto ics = render_calendar(sample());
  auto lines = content_lines(ics);
  ASSERT_GT(lines.size(), 10u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  for (const char* required :
       {"VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VTIMEZONE",
        "TZID:Europe/Copenhagen", "DTSTART;TZID=Europe/Copenhagen:20260414T090000",
        "DTEND;TZID=Europe/Copenhagen:20260414T100000", "DTSTAMP:20260330T081500Z",
        "UID:01HZZZZZZZZZZZZZZZZZZZZZZZ@fremdrift", "SEQUENCE:2",
        "SUMMARY:Kaizenmøde\\; KPI'er\\, forbedringskort\\\\status",
        "LOCATION:Jobcentret\\, mødelokale 2", "DTSTART;VALUE=DATE:20260531",
        "DTEND;VALUE=DATE:20260601"}) {
    EXPECT_NE(std::find(lines.begin(), lines.end(), required), lines.end()) << required;
  }
  EXPECT_NE(ics.find("PRODID:"), std::string::npos);
  for (const auto& l : lines) EXPECT_LE(l.size(), 75u) << l;
  EXPECT_EQ(ics.find('\n', 0), ics.find("\r\n", 0) + 1);  // no bare LF anywhere
  for (std::size_t i = ics.find('\n'); i != std::string::npos; i = ics.find('\n', i + 1))
    ASSERT_EQ(ics[i - 1], '\r');
}

TEST(ICalendarTest, OrganizerAttendeesAndUrlAreSafeInTheirProperties) {
  Calendar cal = sample();
  auto& e = cal.events.front();
  e.organizer = CalendarPerson{"Holm, Lene \"PL\"; chef", "lene@kommune.test"};
  e.attendees = {{"Åse Ørum", "aase@kommune.test"}, {"Uden adresse", ""}};
  e.url = "https://fremdrift.test/projects/p1/meetings/m1";
  auto ics = render_calendar(cal);
  auto lines = content_lines(ics);
  auto has = [&](const std::string& l) {
    return std::find(lines.begin(), lines.end(), l) != lines.end();
  };
  EXPECT_TRUE(has("ORGANIZER;CN=\"Holm, Lene PL; chef\":mailto:lene@kommune.test")) << ics;
  EXPECT_TRUE(has("ATTENDEE;CN=\"Åse Ørum\";ROLE=REQ-PARTICIPANT:mailto:aase@kommune.test")) << ics;
  EXPECT_EQ(ics.find("Uden adresse"), std::string::npos);  // no address, no attendee
  EXPECT_TRUE(has("URL:https://fremdrift.test/projects/p1/meetings/m1")) << ics;
  auto parsed = ics_test::parse(ics);
  ASSERT_FALSE(parsed.contains("error")) << parsed.dump();
  auto ev = parsed["events"][0];
  EXPECT_EQ(ev["organizer_cn"], "Holm, Lene PL; chef");
  EXPECT_EQ(ev["organizer"], "mailto:lene@kommune.test");
  ASSERT_EQ(ev["attendees"].size(), 1u);
  EXPECT_EQ(ev["attendees"][0]["cn"], "Åse Ørum");
  EXPECT_EQ(ev["url"], "https://fremdrift.test/projects/p1/meetings/m1");
}

TEST(ICalendarTest, AllDayCalendarsNeedNoTimeZone) {
  auto cal = sample();
  cal.events.erase(cal.events.begin(), cal.events.begin() + 2);
  EXPECT_EQ(render_calendar(cal).find("VTIMEZONE"), std::string::npos);
}

TEST(ICalendarTest, TheTimeZoneBlockFollowsTheTenantsZone) {
  auto cal = sample();
  cal.time_zone = "Europe/Helsinki";
  auto ics = render_calendar(cal);
  EXPECT_NE(ics.find("TZID:Europe/Helsinki\r\n"), std::string::npos);
  EXPECT_NE(ics.find("TZOFFSETTO:+0300\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART:19810329T030000\r\n"), std::string::npos);  // 01:00 UTC
  cal.time_zone = "Atlantic/Reykjavik";
  ics = render_calendar(cal);
  EXPECT_EQ(ics.find("BEGIN:DAYLIGHT"), std::string::npos);
  EXPECT_NE(ics.find("TZOFFSETTO:+0000\r\n"), std::string::npos);
}

// A real parser reads it back: Python's icalendar (Debian's python3-icalendar).
TEST(ICalendarTest, PythonIcalendarReadsItBack) {
  auto parsed = ics_test::parse(render_calendar(sample()));
  ASSERT_FALSE(parsed.contains("error")) << parsed.dump();
  EXPECT_EQ(parsed["VERSION"], "2.0");
  EXPECT_EQ(parsed["METHOD"], "PUBLISH");
  EXPECT_EQ(parsed["timezones"], nlohmann::json::array({"Europe/Copenhagen"}));
  const auto& events = parsed["events"];
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]["uid"], "01HZZZZZZZZZZZZZZZZZZZZZZZ@fremdrift");
  EXPECT_EQ(events[0]["summary"], "Kaizenmøde; KPI'er, forbedringskort\\status");
  EXPECT_EQ(events[0]["description"],
            "Dagsorden:\n1. KPI'er siden sidst\n2. " + std::string(120, 'x'));
  EXPECT_EQ(events[0]["location"], "Jobcentret, mødelokale 2");
  EXPECT_EQ(events[0]["tzid"], "Europe/Copenhagen");
  // Summer time in April (UTC+2), standard time in January (UTC+1).
  EXPECT_EQ(events[0]["start_utc"], "2026-04-14T07:00");
  EXPECT_EQ(events[0]["end_utc"], "2026-04-14T08:00");
  EXPECT_EQ(events[1]["start_utc"], "2026-01-13T12:30");
  EXPECT_EQ(events[2]["all_day"], true);
  EXPECT_EQ(events[2]["start"], "2026-05-31");
  EXPECT_EQ(events[2]["end"], "2026-06-01");
}

}  // namespace
}  // namespace meetings
