#include "status_reports/status_report.hpp"

#include <algorithm>
#include <set>

namespace status_reports {
namespace {

using nlohmann::json;

int rank(const std::vector<std::string>& list, const std::string& value) {
  auto it = std::find(list.begin(), list.end(), value);
  return it == list.end() ? -1 : static_cast<int>(it - list.begin());
}

// The typed areas: {"time": {"colour", "reason"}, …}; unknown areas and colours are named.
void read_areas(core::Input& in, StatusReport& r) {
  auto found = in.raw().find("areas");
  if (found == in.raw().end() || found->is_null()) return;
  const json* given = &*found;
  if (!given->is_object()) return in.fail("areas", "must be an object keyed by area");
  for (const auto& [key, value] : given->items()) {
    std::string field = "areas." + key;
    if (rank(kAreas, key) < 0) {
      in.fail(field, "is not an area (time, budget, scope, benefits, risks, implementation)");
      continue;
    }
    if (!value.is_object()) {
      in.fail(field, "must be an object with colour and reason");
      continue;
    }
    Area a{.key = key};
    // An empty colour (a form's select left alone) takes the suggestion, as a missing one.
    if (value.contains("colour") && !value["colour"].is_null() && value["colour"] != "") {
      if (!value["colour"].is_string() || rank(kColours, value["colour"]) < 0)
        in.fail(field + ".colour", "must be green, yellow or red");
      else
        a.colour = value["colour"];
    }
    if (value.contains("reason") && value["reason"].is_string()) a.reason = value["reason"];
    if (a.reason.size() > kReasonMax)
      in.fail(field + ".reason", "must be at most " + std::to_string(kReasonMax) + " characters");
    std::erase_if(r.areas, [&a](const Area& old) { return old.key == a.key; });
    r.areas.push_back(std::move(a));
  }
}

json message_json(const core::Message& m) { return {{"key", m.key}, {"params", m.params}}; }

std::map<std::string, json> by_id(const json& items) {
  std::map<std::string, json> out;
  for (const auto& i : items) out[i.value("id", "")] = i;
  return out;
}

const json& section_data(const StatusReport& r, const std::string& key) {
  static const json kNone = json::object();
  for (const auto& s : r.sections)
    if (s.value("key", "") == key) return s["data"];
  return kNone;
}

}  // namespace

const kit::Fields<StatusReport>& report_fields() {
  static const json kAreaSchema = {{"type", "object"},
                                   {"properties",
                                    {{"key", {{"type", "string"}, {"enum", kAreas}}},
                                     {"colour", {{"type", "string"}, {"enum", kColours}}},
                                     {"reason", {{"type", "string"}, {"maxLength", kReasonMax}}},
                                     {"suggested", {{"type", "string"}, {"enum", kColours}}},
                                     {"suggested_because", {{"type", "object"}}}}}};
  static const kit::Fields<StatusReport> fields =
      kit::Fields<StatusReport>()
          .id(&StatusReport::id)
          .parent(&StatusReport::project_id)
          .choice("level", &StatusReport::level, kLevels,
                  {.describe = "who reads it: operational, tactical (default) or strategic"})
          .text("title", &StatusReport::title, {.max = kTitleMax})
          .date("issued_on", &StatusReport::issued_on, {.describe = "default: today"})
          .custom("areas",
                  {{"type", "object"},
                   {"description",
                    "input: {\"time\": {\"colour\": \"yellow\", \"reason\": \"…\"}, …}, a "
                    "missing colour takes the suggestion; output: the six areas in order"},
                   {"additionalProperties", kAreaSchema}},
                  read_areas,
                  [](const StatusReport& r, json& out) { out["areas"] = areas_json(r.areas); })
          .lines("decisions", &StatusReport::decisions, kDecisionMax, kDecisionsMax,
                 {.describe = "decisions the steering group is asked to take"})
          .custom("sections",
                  {{"type", "array"},
                   {"items", {{"type", "object"}}},
                   {"description", "the frozen sections: [{key, data}] (phases, milestones, …)"}},
                  nullptr, [](const StatusReport& r, json& out) { out["sections"] = r.sections; },
                  {.output_only = true})
          .optional_text("issued_by", &StatusReport::issued_by, {.output_only = true})
          .output("created_at", &StatusReport::created_at);
  return fields;
}

json areas_json(const std::vector<Area>& areas) {
  json out = json::array();
  for (const auto& a : areas)
    out.push_back({{"key", a.key},
                   {"colour", a.colour},
                   {"reason", a.reason},
                   {"suggested", a.suggested},
                   {"suggested_because", message_json(a.suggested_because)}});
  return out;
}

std::vector<Area> areas_from_json(const json& stored) {
  std::vector<Area> out;
  for (const auto& a : stored) {
    const auto& because = a.value("suggested_because", json::object());
    out.push_back(
        {.key = a.value("key", ""),
         .colour = a.value("colour", ""),
         .reason = a.value("reason", ""),
         .suggested = a.value("suggested", ""),
         .suggested_because = {because.value("key", ""), because.value("params", json::object())}});
  }
  return out;
}

bool shows_level(const std::string& report_level, const std::string& kpi_level) {
  return rank(kLevels, kpi_level) >= rank(kLevels, report_level);
}

std::string worse(const std::string& a, const std::string& b) {
  return rank(kColours, b) > rank(kColours, a) ? b : a;
}

StatusReport assemble(StatusReport typed, const std::vector<Section>& sections) {
  StatusReport out = std::move(typed);
  out.sections = json::array();
  for (const auto& s : sections) out.sections.push_back({{"key", s.key}, {"data", s.data}});
  std::vector<Area> areas;
  for (const auto& key : kAreas) {
    Area a{.key = key, .suggested = "green", .suggested_because = {"report_suggest_no_data", {}}};
    bool spoken = false;
    for (const auto& s : sections) {
      auto it = s.suggestions.find(key);
      if (it == s.suggestions.end()) continue;
      if (!spoken || rank(kColours, it->second.colour) > rank(kColours, a.suggested)) {
        a.suggested = it->second.colour;
        a.suggested_because = it->second.because;
      }
      spoken = true;
    }
    auto typed_area = std::find_if(out.areas.begin(), out.areas.end(),
                                   [&](const Area& t) { return t.key == key; });
    if (typed_area != out.areas.end()) {
      a.colour = typed_area->colour;
      a.reason = typed_area->reason;
    }
    if (a.colour.empty()) a.colour = a.suggested;
    areas.push_back(std::move(a));
  }
  out.areas = std::move(areas);
  return out;
}

json compare(const StatusReport& older, const StatusReport& newer) {
  json areas = json::array();
  for (const auto& n : newer.areas) {
    auto o = std::find_if(older.areas.begin(), older.areas.end(),
                          [&](const Area& a) { return a.key == n.key; });
    std::string before = o == older.areas.end() ? "" : o->colour;
    areas.push_back({{"key", n.key},
                     {"before", before},
                     {"after", n.colour},
                     {"changed", before != n.colour},
                     {"reason", n.reason}});
  }
  auto old_kpis = by_id(section_data(older, "kpis").value("items", json::array()));
  json kpis = json::array();
  for (const auto& k : section_data(newer, "kpis").value("items", json::array())) {
    auto it = old_kpis.find(k.value("id", ""));
    json before = it == old_kpis.end() ? json() : it->second;
    json last_before = before.is_null() ? json() : before.value("last", json());
    std::string status_before = before.is_null() ? "" : before.value("chart_status", "");
    bool moved = before.is_null() || last_before != k.value("last", json()) ||
                 status_before != k.value("chart_status", "");
    if (!moved) continue;
    kpis.push_back({{"id", k.value("id", "")},
                    {"name", k.value("name", "")},
                    {"unit", k.value("unit", "")},
                    {"new", before.is_null()},
                    {"last_before", last_before},
                    {"last_after", k.value("last", json())},
                    {"status_before", status_before},
                    {"status_after", k.value("chart_status", "")}});
  }
  auto old_overdue = by_id(section_data(older, "overdue_actions").value("items", json::array()));
  json overdue = json::array();
  for (const auto& a : section_data(newer, "overdue_actions").value("items", json::array()))
    if (!old_overdue.contains(a.value("id", ""))) overdue.push_back(a);
  return {{"older", {{"id", older.id}, {"title", older.title}, {"issued_on", older.issued_on}}},
          {"newer", {{"id", newer.id}, {"title", newer.title}, {"issued_on", newer.issued_on}}},
          {"areas", areas},
          {"kpis_moved", kpis},
          {"new_overdue_actions", overdue}};
}

}  // namespace status_reports
