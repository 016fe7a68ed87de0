#include "maps/initial_map.hpp"

#include <sstream>

#include "maps/bpmn_model.hpp"

namespace maps {
namespace {

constexpr int kPoolX = 160;
constexpr int kPoolY = 80;
constexpr int kPoolWidth = 1400;
constexpr int kLaneHeight = 160;
constexpr int kLaneHeaderWidth = 30;

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string initial_map_xml(const std::string& title, const std::string& citizen_lane_name,
                            const std::vector<LaneSeed>& unit_lanes) {
  std::vector<LaneSeed> lanes;
  lanes.push_back({"", citizen_lane_name});
  lanes.insert(lanes.end(), unit_lanes.begin(), unit_lanes.end());
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<bpmn:definitions xmlns:bpmn=\"" << kBpmnModelNs << "\" xmlns:bpmndi=\"" << kBpmnDiNs
    << "\" xmlns:dc=\"" << kDcNs << "\" xmlns:di=\"" << kDiNs << "\" xmlns:fremdrift=\""
    << kFremdriftNs
    << "\" id=\"Definitions_1\" targetNamespace=\"http://bpmn.io/schema/bpmn\" "
       "exporter=\"fremdrift\" exporterVersion=\"1\">\n"
    << "  <bpmn:collaboration id=\"Collaboration_1\">\n"
    << "    <bpmn:participant id=\"Participant_1\" name=\"" << escape(title)
    << "\" processRef=\"Process_1\" />\n"
    << "  </bpmn:collaboration>\n"
    << "  <bpmn:process id=\"Process_1\" isExecutable=\"false\">\n"
    << "    <bpmn:laneSet id=\"LaneSet_1\">\n";
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    x << "      <bpmn:lane id=\"Lane_" << i + 1 << "\" name=\"" << escape(lanes[i].name) << "\" ";
    if (lanes[i].unit_id.empty()) {
      x << "fremdrift:laneKind=\"citizen\">\n"
        << "        <bpmn:flowNodeRef>StartEvent_1</bpmn:flowNodeRef>\n"
        << "      </bpmn:lane>\n";
    } else {
      x << "fremdrift:unitId=\"" << escape(lanes[i].unit_id) << "\" />\n";
    }
  }
  x << "    </bpmn:laneSet>\n"
    << "    <bpmn:startEvent id=\"StartEvent_1\" />\n"
    << "  </bpmn:process>\n"
    << "  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n"
    << "    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"Collaboration_1\">\n"
    << "      <bpmndi:BPMNShape id=\"Participant_1_di\" bpmnElement=\"Participant_1\" "
       "isHorizontal=\"true\">\n"
    << "        <dc:Bounds x=\"" << kPoolX << "\" y=\"" << kPoolY << "\" width=\"" << kPoolWidth
    << "\" height=\"" << kLaneHeight * static_cast<int>(lanes.size()) << "\" />\n"
    << "      </bpmndi:BPMNShape>\n";
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    x << "      <bpmndi:BPMNShape id=\"Lane_" << i + 1 << "_di\" bpmnElement=\"Lane_" << i + 1
      << "\" isHorizontal=\"true\">\n"
      << "        <dc:Bounds x=\"" << kPoolX + kLaneHeaderWidth << "\" y=\""
      << kPoolY + kLaneHeight * static_cast<int>(i) << "\" width=\""
      << kPoolWidth - kLaneHeaderWidth << "\" height=\"" << kLaneHeight << "\" />\n"
      << "      </bpmndi:BPMNShape>\n";
  }
  x << "      <bpmndi:BPMNShape id=\"StartEvent_1_di\" bpmnElement=\"StartEvent_1\">\n"
    << "        <dc:Bounds x=\"" << kPoolX + kLaneHeaderWidth + 50 << "\" y=\""
    << kPoolY + kLaneHeight / 2 - 18 << "\" width=\"36\" height=\"36\" />\n"
    << "      </bpmndi:BPMNShape>\n"
    << "    </bpmndi:BPMNPlane>\n"
    << "  </bpmndi:BPMNDiagram>\n"
    << "</bpmn:definitions>\n";
  return x.str();
}

}  // namespace maps
