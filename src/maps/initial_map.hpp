#pragma once

#include <string>
#include <vector>

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

}  // namespace maps
