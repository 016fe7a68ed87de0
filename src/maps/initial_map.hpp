#pragma once

#include <string>
#include <vector>

#include "maps/bpmn_document.hpp"

namespace maps {

struct LaneSeed {
  std::string unit_id;  // empty for the citizen's lane
  std::string name;
};

// A new map: one pool named `title` with the citizen's lane first and a lane per
// involved unit, a start event in the citizen's lane, and diagram layout, so the
// workshop starts drawing at once and any BPMN tool opens the file.
std::string initial_map_xml(const std::string& title, const std::string& citizen_lane_name,
                            const std::vector<LaneSeed>& unit_lanes);

// A redesign's copy of the as-is map: its pool renamed from the as-is title `from` to
// `to`, so it no longer reads as today's workflow. The pools with a process named `from`
// are renamed, or the only pool with a process when none is; the rest of the text stays
// as it was.
std::string rename_pools(std::string xml, const BpmnDocument& doc, const std::string& from,
                         const std::string& to);

}  // namespace maps
