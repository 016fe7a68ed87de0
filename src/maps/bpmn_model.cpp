#include "maps/bpmn_model.hpp"

#include <algorithm>

namespace maps {
namespace {

constexpr std::array<std::string_view, 8> kTasks = {
    "task",        "userTask",   "serviceTask",      "sendTask",
    "receiveTask", "manualTask", "businessRuleTask", "scriptTask"};
constexpr std::array<std::string_view, 3> kSubProcesses = {"subProcess", "adHocSubProcess",
                                                           "transaction"};
constexpr std::array<std::string_view, 5> kGateways = {"exclusiveGateway", "inclusiveGateway",
                                                       "parallelGateway", "eventBasedGateway",
                                                       "complexGateway"};
constexpr std::array<std::string_view, 5> kEvents = {
    "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

std::string_view to_string(StepType type) { return kStepTypeNames[static_cast<std::size_t>(type)]; }

std::optional<StepType> parse_step_type(std::string_view name) {
  for (std::size_t i = 0; i < kStepTypeNames.size(); ++i) {
    if (kStepTypeNames[i] == name) return static_cast<StepType>(i);
  }
  return std::nullopt;
}

bool is_task(std::string_view kind) { return contains(kTasks, kind); }
bool is_sub_process(std::string_view kind) { return contains(kSubProcesses, kind); }
bool is_activity(std::string_view kind) {
  return is_task(kind) || is_sub_process(kind) || kind == "callActivity";
}
bool is_gateway(std::string_view kind) { return contains(kGateways, kind); }
bool is_event(std::string_view kind) { return contains(kEvents, kind); }
bool is_flow_node(std::string_view kind) {
  return is_activity(kind) || is_gateway(kind) || is_event(kind);
}
bool is_deciding_gateway(std::string_view kind) {
  return is_gateway(kind) && kind != "parallelGateway";
}

}  // namespace maps
