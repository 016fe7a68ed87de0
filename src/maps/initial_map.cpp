#include "maps/initial_map.hpp"

#include <cctype>
#include <regex>
#include <sstream>
#include <utility>

#include "core/markup.hpp"
#include "maps/bpmn_model.hpp"

namespace maps {
namespace {

constexpr int kPoolX = 160;
constexpr int kPoolY = 80;
constexpr int kPoolWidth = 1400;
constexpr int kLaneHeight = 160;
constexpr int kLaneHeaderWidth = 30;

// The start tag of the element with this id: [start, end) of `<… id="…" …>`.
std::pair<std::size_t, std::size_t> start_tag_of(const std::string& xml, const std::string& id) {
  for (const char* quote : {"\"", "'"}) {
    const std::string needle = "id=" + std::string(quote) + id + quote;
    for (auto at = xml.find(needle); at != std::string::npos; at = xml.find(needle, at + 1)) {
      if (at == 0 || std::isspace(static_cast<unsigned char>(xml[at - 1])) == 0) continue;
      auto start = xml.rfind('<', at);
      char open = 0;
      auto end = start;
      for (; end < xml.size() && (open != 0 || xml[end] != '>'); ++end) {
        if (open == 0 && (xml[end] == '"' || xml[end] == '\'')) {
          open = xml[end];
        } else if (xml[end] == open) {
          open = 0;
        }
      }
      return {start, end + 1};
    }
  }
  return {std::string::npos, 0};
}

void rename(std::string& xml, const std::string& id, const std::string& name) {
  auto [start, end] = start_tag_of(xml, id);
  if (start == std::string::npos) return;
  static const std::regex kName(R"((\s)name\s*=\s*("[^"]*"|'[^']*'))");
  std::smatch found;
  const std::string tag = xml.substr(start, end - start);
  const std::string value = "name=\"" + core::escaped(name) + "\"";
  if (std::regex_search(tag, found, kName)) {
    xml.replace(start + static_cast<std::size_t>(found.position(0)) + 1,
                static_cast<std::size_t>(found.length(0)) - 1, value);
  } else {
    auto after_name = tag.find_first_of(" \t\r\n/>");
    xml.insert(start + after_name, " " + value);
  }
}

}  // namespace

std::string rename_pools(std::string xml, const BpmnDocument& doc, const std::string& from,
                         const std::string& to) {
  std::vector<const Participant*> pools;
  for (const auto& p : doc.participants()) {
    if (!p.process_id.empty()) pools.push_back(&p);
  }
  std::vector<const Participant*> named;
  for (const auto* p : pools) {
    if (p->name == from) named.push_back(p);
  }
  if (named.empty() && pools.size() == 1) named = pools;
  for (const auto* p : named) rename(xml, p->id, to);
  return xml;
}

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
    << "    <bpmn:participant id=\"Participant_1\" name=\"" << core::escaped(title)
    << "\" processRef=\"Process_1\" />\n"
    << "  </bpmn:collaboration>\n"
    << "  <bpmn:process id=\"Process_1\" isExecutable=\"false\">\n"
    << "    <bpmn:laneSet id=\"LaneSet_1\">\n";
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    x << "      <bpmn:lane id=\"Lane_" << i + 1 << "\" name=\"" << core::escaped(lanes[i].name)
      << "\" ";
    if (lanes[i].unit_id.empty()) {
      x << "fremdrift:laneKind=\"citizen\">\n"
        << "        <bpmn:flowNodeRef>StartEvent_1</bpmn:flowNodeRef>\n"
        << "      </bpmn:lane>\n";
    } else {
      x << "fremdrift:unitId=\"" << core::escaped(lanes[i].unit_id) << "\" />\n";
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
