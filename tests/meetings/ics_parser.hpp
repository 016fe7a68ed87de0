#pragma once

// Parses iCalendar text back with a real parser: Python's `icalendar` as Debian
// ships it for /usr/bin/python3 (python3-icalendar). Used by the unit and HTTP tests.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

namespace ics_test {

inline constexpr const char* kParser = R"PY(
import json, sys
from datetime import date, datetime, timezone
import icalendar

cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = {k: str(cal.get(k, '')) for k in ('VERSION', 'PRODID', 'CALSCALE', 'METHOD')}
out['timezones'] = []
out['events'] = []
for c in cal.walk():
    if c.name == 'VTIMEZONE':
        out['timezones'].append(str(c.get('TZID')))
    if c.name != 'VEVENT':
        continue
    start, end = c.decoded('DTSTART'), c.decoded('DTEND')
    timed = isinstance(start, datetime)
    out['events'].append({
        'uid': str(c.get('UID')),
        'summary': str(c.get('SUMMARY')),
        'description': str(c.get('DESCRIPTION', '')),
        'location': str(c.get('LOCATION', '')),
        'dtstamp': c.decoded('DTSTAMP').isoformat(),
        'tzid': c.get('DTSTART').params.get('TZID', ''),
        'all_day': not timed,
        'start': start.isoformat(),
        'end': end.isoformat(),
        'start_utc': start.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M') if timed else '',
        'end_utc': end.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M') if timed else '',
        'organizer': str(c.get('ORGANIZER', '')),
        'organizer_cn': str(c['ORGANIZER'].params.get('CN', '')) if 'ORGANIZER' in c else '',
        'attendees': [{'address': str(a), 'cn': str(a.params.get('CN', '')),
                       'role': str(a.params.get('ROLE', ''))}
                      for a in (lambda v: v if isinstance(v, list) else [v])(c.get('ATTENDEE', []))],
        'url': str(c.get('URL', '')),
    })
print(json.dumps(out))
)PY";

// {"VERSION":…, "METHOD":…, "timezones":[…], "events":[{uid, summary, start_utc, …}]};
// {"error": output} when the parser refused the text.
inline nlohmann::json parse(const std::string& ics) {
  std::mt19937_64 rng(std::random_device{}());
  auto dir = std::filesystem::temp_directory_path() / ("ics-" + std::to_string(rng()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "parse.py") << kParser;
  std::ofstream(dir / "in.ics", std::ios::binary) << ics;
  std::string cmd =
      "/usr/bin/python3 " + (dir / "parse.py").string() + " " + (dir / "in.ics").string() + " 2>&1";
  std::string output;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    std::array<char, 4096> buf{};
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) output.append(buf.data(), n);
    pclose(p);
  }
  std::filesystem::remove_all(dir);
  auto j = nlohmann::json::parse(output, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return {{"error", output}};
  return j;
}

}  // namespace ics_test
