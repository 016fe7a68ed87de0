#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace maps {

inline constexpr std::string_view kBpmnModelNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
inline constexpr std::string_view kBpmnDiNs = "http://www.omg.org/spec/BPMN/20100524/DI";
inline constexpr std::string_view kDcNs = "http://www.omg.org/spec/DD/20100524/DC";
inline constexpr std::string_view kDiNs = "http://www.omg.org/spec/DD/20100524/DI";
// fremdrift's own attributes on standard BPMN elements, so any BPMN tool still opens
// the file. web/bpmn/fremdrift-moddle.json declares the same names for bpmn-js.
inline constexpr std::string_view kFremdriftNs = "http://fremdrift.dk/schema/bpmn/1.0";

// Refusal limits (issue 4, "Bad input"). The element limit counts the process model
// only, not the diagram layout (each step brings a shape and each flow an edge with
// waypoints, which would otherwise halve what a map may hold); the looser XML limit
// bounds the memory the parser may take before anything else is looked at.
inline constexpr std::size_t kMaxBytes = 5 * 1024 * 1024;
inline constexpr std::size_t kMaxModelElements = 20000;
inline constexpr std::size_t kMaxXmlElements = 200000;
inline constexpr std::size_t kMaxDepth = 100;
inline constexpr std::size_t kMaxNamespaces = 100;  // declarations in scope at any element
inline constexpr std::int64_t kMaxMinutes = 10LL * 366 * 24 * 60;  // ten years
inline constexpr std::size_t kMaxLabel = 200;                      // code points

// The brown-paper symbols (seed 000, section 2) as `fremdrift:stepType`.
enum class StepType { kTask, kItSystem, kCitizen, kHandover, kWaiting, kDecision, kDocument };
inline constexpr std::array<std::string_view, 7> kStepTypeNames = {
    "task", "it_system", "citizen", "handover", "waiting", "decision", "document"};
std::string_view to_string(StepType type);
std::optional<StepType> parse_step_type(std::string_view name);

// BPMN element kinds by local name in kBpmnModelNs.
bool is_task(std::string_view kind);         // task and its subtypes (userTask, serviceTask, …)
bool is_sub_process(std::string_view kind);  // subProcess, adHocSubProcess, transaction
bool is_activity(std::string_view kind);     // tasks, sub-processes, callActivity
bool is_gateway(std::string_view kind);
bool is_event(std::string_view kind);
bool is_flow_node(std::string_view kind);  // activities, gateways, events
// Gateways that choose between their outgoing flows (a parallel split does not).
bool is_deciding_gateway(std::string_view kind);

struct FlowNode {
  std::string id;
  std::string kind;  // BPMN local name: "userTask", "exclusiveGateway", …
  std::string name;
  std::string process_id;             // the top-level process holding it
  std::string parent_id;              // the process or sub-process directly holding it
  std::string lane_id;                // the innermost lane listing it; empty when none does
  std::string attached_to;            // boundary events: the activity they sit on
  bool triggered_by_event = false;    // event sub-processes
  std::optional<StepType> step_type;  // fremdrift:stepType
  std::string it_system;              // fremdrift:itSystem, trimmed
  std::int64_t duration_minutes = 0;  // fremdrift:durationMinutes
  std::int64_t waiting_minutes = 0;   // fremdrift:waitingMinutes
  bool kpi = false;                   // fremdrift:kpi
};

// A sequence flow or a message flow.
struct Flow {
  std::string id;
  std::string source;
  std::string target;
};

struct Lane {
  std::string id;
  std::string name;
  std::string process_id;
  std::string parent_lane_id;  // set for lanes in a childLaneSet
  std::string unit_id;         // fremdrift:unitId
  bool citizen = false;        // fremdrift:laneKind="citizen"
};

// A pool.
struct Participant {
  std::string id;
  std::string name;
  std::string process_id;  // processRef; empty for a black-box pool
  bool citizen = false;    // fremdrift:laneKind="citizen" on the pool
};

}  // namespace maps
