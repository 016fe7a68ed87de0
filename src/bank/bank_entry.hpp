#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace bank {

// Licences a publisher may give their entry for reuse; the keys are stored, the names come
// from the catalogue (bank_licence_<key>).
inline const std::vector<std::string> kLicences = {"cc_by_4_0", "cc0", "contact_us"};
inline const std::vector<std::string> kLanguages = {"da", "sv", "en"};
// Service areas to file an entry under (bank_area_<key>): a fixed list, so a search can filter
// by it across municipalities that name their administrations differently.
inline const std::vector<std::string> kServiceAreas = {
    "elderly_care", "disability",      "children_families",     "schools",         "health",
    "employment",   "citizen_service", "technical_environment", "culture_leisure", "administration",
    "other"};
// Effects a search can ask for: the redesign has fewer handovers or a shorter lead time than
// the as-is map.
inline const std::vector<std::string> kEffects = {"fewer_handovers", "shorter_lead_time"};

// A before/after figure of the maps (maps::ComparisonRow without the derived columns).
struct Figure {
  std::string metric;
  std::optional<std::int64_t> before;
  std::optional<std::int64_t> after;
};

// A KPI's definition with the medians of its run chart's first and last period: values
// only, no measurement, owner or person.
struct KpiFigure {
  std::string name;
  std::string definition;
  std::string unit;
  std::string direction;
  std::string frequency;
  std::string category;
  std::optional<double> baseline;
  std::optional<double> target;
  std::optional<double> median_before;
  std::optional<double> median_after;
};

// An action-plan row as a suggestion: what to do and why, never who.
struct Task {
  std::string task;
  std::string effect;
  std::string how;
};

// A lane of the redesign map, for mapping it to the adopting tenant's units later: its
// element id in the snapshot's BPMN and its name.
struct Lane {
  std::string id;
  std::string name;
  bool citizen = false;
};

// What the publisher types in: the classification, licence, contact role and summary.
struct Classification {
  std::string summary;
  std::string service_area;
  std::optional<std::string> kle;
  std::vector<std::string> tags;
  std::string licence;
  std::string contact_role;  // a project role key (projects::kRoles), never a person
  std::string language;
};

// The published, scrubbed copy of a project's redesign (issue 18): one version of a bank
// entry, stored as one JSON snapshot that never changes.
struct Entry {
  std::string title;
  std::string summary;
  std::string method;  // the project's template key
  std::string service_area;
  std::optional<std::string> kle;
  std::vector<std::string> tags;
  std::string licence;
  std::string contact_role;
  std::string language;
  std::optional<std::string> as_is_bpmn;
  std::optional<std::string> redesign_bpmn;
  std::vector<Figure> figures;
  std::vector<KpiFigure> kpis;
  std::vector<Task> tasks;
  std::vector<std::string> lessons;
  std::vector<Lane> lanes;

  std::optional<std::int64_t> before(std::string_view metric) const;
  std::optional<std::int64_t> after(std::string_view metric) const;
};

// "27", "27.24" or "27.24.00": KL's task classification (KLE), main group, group, topic.
bool valid_kle(std::string_view kle);

// Checks what the publisher typed; ValidationError naming the field.
void check(const Classification& c);

nlohmann::json to_json(const Entry& e);
Entry entry_from_json(const nlohmann::json& j);

}  // namespace bank
