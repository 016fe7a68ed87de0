#include "maps/map_builder.hpp"

#include <map>
#include <sstream>

#include "core/markup.hpp"
#include "maps/bpmn_model.hpp"

namespace maps {
namespace {

constexpr int kPoolX = 160;
constexpr int kPoolY = 80;
constexpr int kLaneHeight = 170;
constexpr int kHeader = 30;
constexpr int kColumn = 150;
constexpr int kFirstColumn = kPoolX + kHeader + 60;

struct Box {
  int x, y, w, h;
  int cx() const { return x + w / 2; }
  int cy() const { return y + h / 2; }
};

std::string element_name(const std::string& kind) {
  if (kind == "start") return "startEvent";
  if (kind == "end") return "endEvent";
  if (kind == "exclusive") return "exclusiveGateway";
  if (kind == "parallel") return "parallelGateway";
  return "task";
}

Box box_for(const StepSpec& s, int column) {
  int lane_center = kPoolY + s.lane * kLaneHeight + kLaneHeight / 2;
  int x = kFirstColumn + column * kColumn;
  if (s.kind == "start" || s.kind == "end") return {x + 32, lane_center - 18, 36, 36};
  if (s.kind == "exclusive" || s.kind == "parallel") return {x + 25, lane_center - 25, 50, 50};
  return {x, lane_center - 40, 100, 80};
}

}  // namespace

std::string build_map_xml(const std::string& title, const std::vector<LaneSeed>& lanes,
                          const std::vector<StepSpec>& steps, const std::vector<FlowSpec>& flows) {
  std::map<std::string, Box> boxes;
  std::map<std::string, std::size_t> order;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    boxes[steps[i].id] = box_for(steps[i], static_cast<int>(i));
    order[steps[i].id] = i;
  }
  int pool_width = kFirstColumn - kPoolX + static_cast<int>(steps.size()) * kColumn + 60;
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions xmlns:bpmn=\"" << kBpmnModelNs
    << "\" xmlns:bpmndi=\"" << kBpmnDiNs << "\" xmlns:dc=\"" << kDcNs << "\" xmlns:di=\"" << kDiNs
    << "\" xmlns:fremdrift=\"" << kFremdriftNs
    << "\" id=\"Definitions_1\" targetNamespace=\"http://bpmn.io/schema/bpmn\" "
       "exporter=\"fremdrift\" exporterVersion=\"1\">\n"
    << "  <bpmn:collaboration id=\"Collaboration_1\">\n    <bpmn:participant id=\"Participant_1\" "
       "name=\""
    << core::escaped(title) << "\" processRef=\"Process_1\" />\n  </bpmn:collaboration>\n"
    << "  <bpmn:process id=\"Process_1\" isExecutable=\"false\">\n    <bpmn:laneSet "
       "id=\"LaneSet_1\">\n";
  for (std::size_t l = 0; l < lanes.size(); ++l) {
    x << "      <bpmn:lane id=\"Lane_" << l + 1 << "\" name=\"" << core::escaped(lanes[l].name)
      << "\" "
      << (lanes[l].unit_id.empty() ? std::string("fremdrift:laneKind=\"citizen\"")
                                   : "fremdrift:unitId=\"" + core::escaped(lanes[l].unit_id) + "\"")
      << ">\n";
    for (const auto& s : steps) {
      if (s.lane == static_cast<int>(l))
        x << "        <bpmn:flowNodeRef>" << s.id << "</bpmn:flowNodeRef>\n";
    }
    x << "      </bpmn:lane>\n";
  }
  x << "    </bpmn:laneSet>\n";
  for (const auto& s : steps) {
    x << "    <bpmn:" << element_name(s.kind) << " id=\"" << s.id << "\"";
    if (!s.name.empty()) x << " name=\"" << core::escaped(s.name) << "\"";
    if (!s.step_type.empty()) x << " fremdrift:stepType=\"" << s.step_type << "\"";
    if (!s.it_system.empty()) x << " fremdrift:itSystem=\"" << core::escaped(s.it_system) << "\"";
    if (s.duration_minutes > 0) x << " fremdrift:durationMinutes=\"" << s.duration_minutes << "\"";
    if (s.waiting_minutes > 0) x << " fremdrift:waitingMinutes=\"" << s.waiting_minutes << "\"";
    if (s.kpi) x << " fremdrift:kpi=\"true\"";
    if (!s.before_go_live.empty())
      x << " fremdrift:beforeGoLive=\"" << core::escaped(s.before_go_live) << "\"";
    x << ">\n";
    for (std::size_t f = 0; f < flows.size(); ++f) {
      if (flows[f].to == s.id) x << "      <bpmn:incoming>Flow_" << f + 1 << "</bpmn:incoming>\n";
    }
    for (std::size_t f = 0; f < flows.size(); ++f) {
      if (flows[f].from == s.id) x << "      <bpmn:outgoing>Flow_" << f + 1 << "</bpmn:outgoing>\n";
    }
    x << "    </bpmn:" << element_name(s.kind) << ">\n";
  }
  for (std::size_t f = 0; f < flows.size(); ++f) {
    x << "    <bpmn:sequenceFlow id=\"Flow_" << f + 1 << "\"";
    if (!flows[f].name.empty()) x << " name=\"" << core::escaped(flows[f].name) << "\"";
    x << " sourceRef=\"" << flows[f].from << "\" targetRef=\"" << flows[f].to << "\" />\n";
  }
  x << "  </bpmn:process>\n  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n"
    << "    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"Collaboration_1\">\n"
    << "      <bpmndi:BPMNShape id=\"Participant_1_di\" bpmnElement=\"Participant_1\" "
       "isHorizontal=\"true\">\n        <dc:Bounds x=\""
    << kPoolX << "\" y=\"" << kPoolY << "\" width=\"" << pool_width << "\" height=\""
    << kLaneHeight * static_cast<int>(lanes.size()) << "\" />\n      </bpmndi:BPMNShape>\n";
  for (std::size_t l = 0; l < lanes.size(); ++l) {
    x << "      <bpmndi:BPMNShape id=\"Lane_" << l + 1 << "_di\" bpmnElement=\"Lane_" << l + 1
      << "\" isHorizontal=\"true\">\n        <dc:Bounds x=\"" << kPoolX + kHeader << "\" y=\""
      << kPoolY + static_cast<int>(l) * kLaneHeight << "\" width=\"" << pool_width - kHeader
      << "\" height=\"" << kLaneHeight << "\" />\n      </bpmndi:BPMNShape>\n";
  }
  for (const auto& s : steps) {
    const Box& b = boxes[s.id];
    x << "      <bpmndi:BPMNShape id=\"" << s.id << "_di\" bpmnElement=\"" << s.id << "\">\n"
      << "        <dc:Bounds x=\"" << b.x << "\" y=\"" << b.y << "\" width=\"" << b.w
      << "\" height=\"" << b.h << "\" />\n      </bpmndi:BPMNShape>\n";
  }
  for (std::size_t f = 0; f < flows.size(); ++f) {
    const Box& a = boxes[flows[f].from];
    const Box& b = boxes[flows[f].to];
    std::vector<std::pair<int, int>> points;
    if (order[flows[f].to] < order[flows[f].from]) {  // a loop back: go round underneath
      int below = std::max(a.y + a.h, b.y + b.h) + 30;
      points = {{a.cx(), a.y + a.h}, {a.cx(), below}, {b.cx(), below}, {b.cx(), b.y + b.h}};
    } else if (a.cy() == b.cy()) {
      points = {{a.x + a.w, a.cy()}, {b.x, b.cy()}};
    } else {
      int mid = (a.x + a.w + b.x) / 2;
      points = {{a.x + a.w, a.cy()}, {mid, a.cy()}, {mid, b.cy()}, {b.x, b.cy()}};
    }
    x << "      <bpmndi:BPMNEdge id=\"Flow_" << f + 1 << "_di\" bpmnElement=\"Flow_" << f + 1
      << "\">\n";
    for (const auto& [px, py] : points)
      x << "        <di:waypoint x=\"" << px << "\" y=\"" << py << "\" />\n";
    x << "      </bpmndi:BPMNEdge>\n";
  }
  x << "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n";
  return x.str();
}

}  // namespace maps
