#include "meetings/meeting.hpp"

#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/ids.hpp"

namespace meetings {
namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

std::optional<std::optional<std::string>> text_field(core::Input& input, const std::string& field,
                                                     std::size_t max_len) {
  if (!input.has(field)) return std::nullopt;
  auto v = input.optional_text(field, max_len);
  if (!v || v->empty()) return std::optional<std::string>();
  return std::optional<std::string>(*v);
}

// A list from a JSON array of strings or, from a form, one item per line.
std::optional<std::vector<std::string>> agenda_field(core::Input& input) {
  if (!input.has("agenda")) return std::nullopt;
  const auto& raw = input.raw()["agenda"];
  std::vector<std::string> lines;
  if (raw.is_array()) {
    for (const auto& v : raw) {
      if (!v.is_string()) {
        input.fail("agenda", "must be a list of texts");
        return std::nullopt;
      }
      lines.push_back(v.get<std::string>());
    }
  } else if (raw.is_string()) {
    std::istringstream in(raw.get<std::string>());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  } else if (!raw.is_null()) {
    input.fail("agenda", "must be a list of texts");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& line : lines) {
    core::Input one(json{{"v", line}});
    auto text = one.optional_text("v", 500);
    if (!one.ok()) {
      input.fail("agenda", "each line must be at most 500 characters of text");
      return std::nullopt;
    }
    if (text && !text->empty()) out.push_back(*text);
  }
  if (out.size() > static_cast<std::size_t>(kMaxAgendaItems)) {
    input.fail("agenda", fmt::format("must have at most {} lines", kMaxAgendaItems));
    return std::nullopt;
  }
  return out;
}

}  // namespace

MeetingFields parse_meeting(core::Input& input, bool creating, const core::TimeZone& zone) {
  MeetingFields f;
  if (creating) {
    f.kind = input.required_choice("kind", kKinds);
    f.title = input.required_text("title", core::kNameMax);
  } else {
    f.kind = input.optional_choice("kind", kKinds);
    if (input.has("title")) f.title = input.required_text("title", core::kNameMax);
  }
  if (creating || input.has("starts_at")) {
    auto s = input.required_text("starts_at", 40);
    if (!s.empty()) {
      if (auto t = core::parse_time_in_zone(s, zone)) {
        f.starts_at = format_local(*t);
      } else {
        input.fail("starts_at",
                   "must be a local date and time like 2026-04-14T09:00, or a time with an "
                   "offset like 2026-04-14T09:00:00+02:00");
      }
    }
  }
  if (auto d = input.optional_int("duration_minutes", kMinDuration, kMaxDuration)) {
    f.duration_minutes = static_cast<int>(*d);
  } else if (input.is_null("duration_minutes") && !creating) {
    input.fail("duration_minutes", "is required");
  }
  f.location = text_field(input, "location", core::kNameMax);
  f.minutes = text_field(input, "minutes", core::kTextMax);
  f.agenda = agenda_field(input);
  return f;
}

std::optional<Repeat> parse_repeat(core::Input& input) {
  json raw = input.raw().value("repeat", json());
  if (raw.is_null()) {
    // From a form: repeat_count empty or 1 means one meeting.
    if (!input.has("repeat_count") || input.raw()["repeat_count"] == "") return std::nullopt;
    raw = {{"every_days", input.raw().value("repeat_every_days", json())},
           {"count", input.raw()["repeat_count"]}};
  }
  if (!raw.is_object()) {
    input.fail("repeat", "must be an object with every_days and count");
    return std::nullopt;
  }
  core::Input inner(raw, input.raw().contains("repeat_count"));
  auto every = inner.optional_int("every_days", 1, kMaxEveryDays);
  auto count = inner.optional_int("count", 1, kMaxOccurrences);
  if (!inner.has("count") || inner.is_null("count")) inner.fail("count", "is required");
  if (!inner.has("every_days") || inner.is_null("every_days")) {
    if (count && *count > 1) inner.fail("every_days", "is required");
  }
  if (!inner.ok()) {
    try {
      inner.check();
    } catch (const core::ValidationError& e) {
      for (const auto& [k, v] : e.fields()) input.fail("repeat." + k, v);
    }
    return std::nullopt;
  }
  Repeat r;
  r.count = static_cast<int>(count.value_or(1));
  r.every_days = static_cast<int>(every.value_or(14));
  return r;
}

std::vector<AttendanceEntry> parse_attendance(const json& list) {
  if (!list.is_array()) throw core::ValidationError("attendance", "must be a list");
  if (list.size() > 500) throw core::ValidationError("attendance", "must have at most 500 people");
  std::map<std::string, std::string> errors;
  std::vector<AttendanceEntry> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = "attendance[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      errors[at] = "must be an object";
      continue;
    }
    core::Input in(list[i]);
    AttendanceEntry e;
    e.person_id = in.required_text("person_id", 64);
    if (!e.person_id.empty() && !core::looks_like_id(e.person_id))
      in.fail("person_id", "is not a valid id");
    if (!e.person_id.empty() && !seen.insert(e.person_id).second)
      in.fail("person_id", "is listed twice");
    // Absent, null or "" (a form's "not recorded"): invited, attendance not taken.
    const auto& raw_status = list[i].value("status", nlohmann::json());
    if (!raw_status.is_null() && raw_status != "") {
      auto status = in.required_choice("status", kAttendanceStatuses);
      if (!status.empty()) e.status = status;
    }
    if (auto s = in.optional_text("substitute_person_id", 64); s && !s->empty()) {
      if (!core::looks_like_id(*s)) in.fail("substitute_person_id", "is not a valid id");
      e.substitute_person_id = *s;
    }
    if (auto s = in.optional_text("substitute_name", core::kNameMax); s && !s->empty())
      e.substitute_name = *s;
    if (e.status != "substitute") {
      e.substitute_person_id.reset();
      e.substitute_name.reset();
    } else if (!e.substitute_person_id && !e.substitute_name) {
      in.fail("substitute_name", "name the substitute (a person or a name)");
    }
    try {
      in.check();
    } catch (const core::ValidationError& err) {
      for (const auto& [k, v] : err.fields()) errors[at + "." + k] = v;
      continue;
    }
    out.push_back(std::move(e));
  }
  if (!errors.empty()) throw core::ValidationError(errors);
  return out;
}

Meeting apply_fields(Meeting m, const MeetingFields& f) {
  if (f.kind) m.kind = *f.kind;
  if (f.title) m.title = *f.title;
  if (f.starts_at) m.starts_at = *f.starts_at;
  if (f.duration_minutes) m.duration_minutes = *f.duration_minutes;
  if (f.location) m.location = *f.location;
  if (f.minutes) m.minutes = *f.minutes;
  if (f.agenda) m.agenda = *f.agenda;
  return m;
}

std::vector<Meeting> expand_series(const Meeting& first, const Repeat& repeat) {
  std::vector<Meeting> out;
  auto start = parse_local(first.starts_at);
  if (!start) throw core::ValidationError("starts_at", "must be a local date and time");
  for (int i = 0; i < repeat.count; ++i) {
    Meeting m = first;
    m.starts_at = format_local(plus_minutes(*start, 1440LL * repeat.every_days * i));
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::string> invited_roles(const std::string& kind) {
  // The steering group is the deciding managers plus the project leader (seed 000).
  if (kind == "steering_group")
    return {"owner", "steering_chair", "steering_member", "project_leader"};
  if (kind == "project_group") return {"project_leader", "project_group"};
  // Kaizen: the people who run the new way of working day to day (seed 000, 003).
  return {"project_leader", "project_group", "team_leader", "change_agent"};
}

std::string ends_at(const Meeting& m) {
  auto start = parse_local(m.starts_at);
  return start ? format_local(plus_minutes(*start, m.duration_minutes)) : m.starts_at;
}

json to_json(const Meeting& m) {
  return {{"id", m.id},
          {"project_id", m.project_id},
          {"kind", m.kind},
          {"title", m.title},
          {"starts_at", m.starts_at},
          {"ends_at", ends_at(m)},
          {"duration_minutes", m.duration_minutes},
          {"location", opt(m.location)},
          {"agenda", m.agenda},
          {"minutes", opt(m.minutes)},
          {"series_id", opt(m.series_id)},
          {"attendance_recorded", m.attendance_recorded},
          {"version", m.version},
          {"created_at", m.created_at},
          {"updated_at", m.updated_at}};
}

json to_json(const AttendanceEntry& e) {
  return {{"person_id", e.person_id},
          {"status", opt(e.status)},
          {"substitute_person_id", opt(e.substitute_person_id)},
          {"substitute_name", opt(e.substitute_name)}};
}

}  // namespace meetings
