#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "maps/bpmn_document.hpp"

namespace maps {

// The before/after figures of one map (issue 4, point 4). docs/maps-metrics.md defines
// each one; the tests in tests/maps/metrics_test.cpp pin them down.
struct MapMetrics {
  std::int64_t steps = 0;
  std::map<std::string, std::int64_t> steps_by_type;  // every step type, zeros included
  std::int64_t handovers = 0;  // sequence_flow_handovers + message_flow_handovers
  std::int64_t sequence_flow_handovers = 0;
  std::int64_t message_flow_handovers = 0;
  std::vector<std::string> it_systems;  // distinct names, sorted
  std::int64_t it_system_touches = 0;
  std::int64_t citizen_contacts = 0;
  std::int64_t decision_points = 0;
  std::int64_t duration_minutes = 0;
  std::int64_t waiting_minutes = 0;
  std::int64_t steps_without_time = 0;            // neither a duration nor a wait: times incomplete
  std::optional<std::int64_t> lead_time_minutes;  // none when no end is reachable
  std::vector<std::string> critical_path;         // flow node ids along the longest path
  std::vector<std::vector<std::string>> loops;    // up to kMaxReportedLoops, as node ids
  std::int64_t loop_count = 0;
};

inline constexpr std::size_t kMaxReportedLoops = 20;

MapMetrics compute_metrics(const BpmnDocument& doc);

struct ComparisonRow {
  std::string metric;  // steps, handovers, it_systems, … (the MapMetrics names)
  std::optional<std::int64_t> before;
  std::optional<std::int64_t> after;
  std::optional<std::int64_t> change;     // after − before
  std::optional<double> relative_change;  // change / before; none when before is 0
};

// One row per compared metric, in a fixed order.
std::vector<ComparisonRow> compare(const MapMetrics& before, const MapMetrics& after);

nlohmann::json to_json(const MapMetrics& m);
nlohmann::json to_json(const std::vector<ComparisonRow>& rows);  // {"rows": [...]}

}  // namespace maps
