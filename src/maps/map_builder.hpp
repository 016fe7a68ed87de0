#pragma once

#include <optional>
#include <string>
#include <vector>

#include "maps/initial_map.hpp"

namespace maps {

// A map described as data and laid out left to right, one column per step: the
// demo's maps and the benchmarks' large maps are made with it.
struct StepSpec {
  std::string id;
  int lane = 0;               // index into the lanes
  std::string kind = "task";  // task | start | end | exclusive | parallel
  std::string name;
  std::string step_type;  // fremdrift:stepType, empty for none
  std::string it_system;
  long long duration_minutes = 0;
  long long waiting_minutes = 0;
  bool kpi = false;
  std::string before_go_live;  // fremdrift:beforeGoLive, what must be in place first
};

struct FlowSpec {
  std::string from;
  std::string to;
  std::string name;
};

// `lanes[0]` with an empty unit id is the citizen's lane.
std::string build_map_xml(const std::string& title, const std::vector<LaneSeed>& lanes,
                          const std::vector<StepSpec>& steps, const std::vector<FlowSpec>& flows);

}  // namespace maps
