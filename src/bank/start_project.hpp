#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bank/bank_entry.hpp"
#include "core/input.hpp"

namespace bank {

// "Start a project from an entry" (issue 18, point 3; D42): what the adopting municipality
// asks for and how the entry's scrubbed snapshot becomes rows of its own. Pure: the store
// (adoption_store.hpp) reads and writes.

inline const std::vector<std::string> kMapAs = {"as_is", "redesign"};
// What a project started from an entry uses when the entry's method is a publisher's own
// template, which the adopting tenant does not have.
inline constexpr std::string_view kFallbackMethod = "kl-workflow";

// One of the adopting tenant's units, as a lane may be tied to it.
struct UnitChoice {
  std::string id;
  std::string name;
};

struct StartRequest {
  std::string title;
  std::string map_as = "as_is";
  std::map<std::string, UnitChoice> lanes;  // the entry's lane name → my unit
  bool consent = false;
};

// The lanes of the entry that a unit can take over: named, not the citizen's, each name
// once, in the entry's order.
std::vector<std::string> mappable_lanes(const Entry& entry);

// Reads title (default: the entry's), map_as, lanes ({"<lane name>": "<unit id>"}, "" or
// null leaves a lane unmapped) and consent. A lane the entry does not have, or a unit not in
// `my_units`, fails as "lanes.<lane name>"; problems are recorded in `input`, call
// input.check() after.
StartRequest parse_start(core::Input& input, const Entry& entry,
                         const std::vector<UnitChoice>& my_units);

// The entry's method when it is a shipped template's key, otherwise kFallbackMethod.
std::string method_for(const Entry& entry);

// The map text a project starts from: every id of the snapshot's BPMN regenerated (and
// every reference to it followed), so nothing of the publisher's element, lane or unit ids
// is kept; lanes mapped in `lanes` are tied to the unit (fremdrift:unitId) and take its name,
// the others keep their name and lose any unit; each task is added as a text annotation
// carrying it as fremdrift:beforeGoLive, which the action plan offers as a suggestion once
// the map is a redesign (actions/suggestion.hpp). Throws ValidationError("bpmn") when the
// text is no XML.
std::string adopt_map_xml(std::string_view xml, const std::map<std::string, UnitChoice>& lanes,
                          const std::vector<Task>& tasks);

// A KPI's definition as the input of a new KPI (kpis::kpi_fields()): name, definition, unit
// and the choices the snapshot has where they are valid ones; no owner, baseline, target
// or measurement. A biweekly KPI's grid starts in the week of `today` ("YYYY-MM-DD").
nlohmann::json kpi_input(const KpiFigure& kpi, const std::string& today);

}  // namespace bank
