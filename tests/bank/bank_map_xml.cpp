#include "bank/bank_fixture.hpp"

namespace testing_bank {

std::string map_xml(const std::string& unit_id, const std::vector<Step>& steps,
                    const std::string& documentation) {
  std::string refs_a =
      "<bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef>";
  std::string refs_b;
  std::string nodes = "<bpmn:startEvent id=\"S\"/><bpmn:endEvent id=\"E\"/>";
  std::string flows;
  std::string previous = "S";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::string id = "T" + std::to_string(i + 1);
    (steps[i].lane == "A" ? refs_a : refs_b) += "<bpmn:flowNodeRef>" + id + "</bpmn:flowNodeRef>";
    nodes += "<bpmn:task id=\"" + id + "\" name=\"" + steps[i].name +
             "\" fremdrift:durationMinutes=\"" + std::to_string(steps[i].minutes) + "\">";
    if (i == 0) nodes += "<bpmn:documentation>" + documentation + "</bpmn:documentation>";
    nodes += "</bpmn:task>";
    flows += "<bpmn:sequenceFlow id=\"F" + std::to_string(i) + "\" sourceRef=\"" + previous +
             "\" targetRef=\"" + id + "\"/>";
    previous = id;
  }
  flows += "<bpmn:sequenceFlow id=\"FE\" sourceRef=\"" + previous + "\" targetRef=\"E\"/>";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:fremdrift=\"http://fremdrift.dk/schema/bpmn/1.0\" id=\"D\" targetNamespace=\"x\">"
         "<bpmn:collaboration id=\"C\"><bpmn:participant id=\"Pool\" name=\"Visitation\" "
         "processRef=\"P\"/></bpmn:collaboration>"
         "<bpmn:process id=\"P\" isExecutable=\"false\"><bpmn:laneSet id=\"LS\">"
         "<bpmn:lane id=\"Lane_A\" name=\"Visitationen\" fremdrift:unitId=\"" +
         unit_id + "\">" + refs_a + "</bpmn:lane><bpmn:lane id=\"Lane_B\" name=\"Hjemmeplejen\">" +
         refs_b + "</bpmn:lane></bpmn:laneSet>" + nodes + flows +
         "</bpmn:process></bpmn:definitions>";
}

}  // namespace testing_bank
