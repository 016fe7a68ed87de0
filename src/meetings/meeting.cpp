#include "meetings/meeting.hpp"

#include <map>
#include <set>

#include "core/errors.hpp"
#include "core/ids.hpp"

namespace meetings {
namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

void read_starts_at(core::Input& input, Meeting& m) {
  auto s = input.required_text("starts_at", 40);
  if (s.empty()) return;
  // Any zone tells a time from a non-time; the store reads it in the tenant's.
  if (core::parse_time_in_zone(s, core::time_zone(core::kDefaultTimeZone))) {
    m.starts_at = s;
  } else {
    input.fail("starts_at", core::Message{"err.local_date_time"});
  }
}

void read_duration(core::Input& input, Meeting& m) {
  if (auto d = input.optional_int("duration_minutes", kMinDuration, kMaxDuration))
    m.duration_minutes = static_cast<int>(*d);
}

json repeat_schema() {
  return {{"type", "object"},
          {"description", "create a series at once, e.g. kaizen every 14 days, 6 times"},
          {"properties",
           {{"every_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxEveryDays}}},
            {"count", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxOccurrences}}}}}};
}

// A new meeting takes the default duration; an update may not empty it.
void keep_duration(const Meeting& m, core::Input& input) {
  if (!m.id.empty() && input.is_null("duration_minutes"))
    input.fail("duration_minutes", "is required");
}

}  // namespace

const kit::Fields<Meeting>& meeting_fields() {
  static const kit::Fields<Meeting> fields =
      kit::Fields<Meeting>()
          .id(&Meeting::id)
          .parent(&Meeting::project_id)
          .choice("kind", &Meeting::kind, kKinds, {.required = true})
          .text("title", &Meeting::title, {.required = true, .max = core::kNameMax})
          .custom("starts_at",
                  {{"type", "string"},
                   {"description", "local wall time in the tenant's zone, e.g. 2026-04-14T09:00"}},
                  read_starts_at,
                  [](const Meeting& m, json& out) { out["starts_at"] = m.starts_at; },
                  {.required = true})
          .computed("ends_at", {{"type", "string"}},
                    [](const Meeting& m) { return json(ends_at(m)); })
          .custom("duration_minutes",
                  {{"type", "integer"}, {"minimum", kMinDuration}, {"maximum", kMaxDuration}},
                  read_duration,
                  [](const Meeting& m, json& out) { out["duration_minutes"] = m.duration_minutes; })
          .optional_text("location", &Meeting::location, {.max = core::kNameMax})
          .lines("agenda", &Meeting::agenda, kAgendaItemMax, kMaxAgendaItems)
          .optional_text("minutes", &Meeting::minutes, {.max = core::kTextMax})
          .custom(
              "repeat", repeat_schema(),
              [](core::Input& in, Meeting& m) { m.repeat = parse_repeat(in); },
              [](const Meeting&, json&) {})
          .computed("series_id", {{"type", {"string", "null"}}},
                    [](const Meeting& m) { return opt(m.series_id); })
          .boolean("attendance_recorded", &Meeting::attendance_recorded,
                   {.output_only = true, .stored = false})
          .stamps()
          .check(keep_duration);
  return fields;
}

std::string local_start(const std::string& starts_at, const core::TimeZone& zone) {
  auto t = core::parse_time_in_zone(starts_at, zone);
  return t ? format_local(*t) : starts_at;
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
      input.fail_all(e, "repeat.");
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
  if (list.size() > 500)
    throw core::ValidationError("attendance", core::Message{"err.too_many_people", {{"max", 500}}});
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

json to_json(const Meeting& m) { return meeting_fields().to_json(m); }

json to_json(const AttendanceEntry& e) {
  return {{"person_id", e.person_id},
          {"status", opt(e.status)},
          {"substitute_person_id", opt(e.substitute_person_id)},
          {"substitute_name", opt(e.substitute_name)}};
}

}  // namespace meetings
