#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "maps/bpmn_model.hpp"

namespace maps {

// Lets the indexes below find a std::string key by std::string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IdIndex = std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>>;

// A BPMN 2.0 map as the server keeps it: the XML text exactly as it came (the stored
// and exported form; see decision D12) plus the parts of the process model that the
// metrics read. Nothing is ever serialised back from the model, so elements,
// attributes and extensions of other tools survive byte for byte.
class BpmnDocument {
 public:
  // Parses and validates. Throws core::PayloadTooLarge over kMaxBytes and
  // core::ValidationError (field "bpmn") for anything else it refuses, naming the
  // problem and the element id or line.
  static BpmnDocument parse(std::string xml);

  const std::string& xml() const { return xml_; }
  const std::vector<FlowNode>& nodes() const { return nodes_; }
  const std::vector<Flow>& sequence_flows() const { return sequence_flows_; }
  const std::vector<Flow>& message_flows() const { return message_flows_; }
  const std::vector<Lane>& lanes() const { return lanes_; }
  const std::vector<Participant>& participants() const { return participants_; }
  const std::vector<std::string>& process_ids() const { return process_ids_; }

  const FlowNode* find_node(std::string_view id) const;
  const Lane* find_lane(std::string_view id) const;
  const Participant* find_participant(std::string_view id) const;

  // What the reading left out, each with a sentence for the user: shapes and edges of
  // the diagram that draw an element the file does not have.
  struct Warning {
    std::string element_id;
    std::string message;
  };
  const std::vector<Warning>& warnings() const { return warnings_; }

  std::size_t xml_element_count() const { return xml_elements_; }
  std::size_t model_element_count() const { return model_elements_; }

 private:
  friend class DocumentBuilder;
  void index();
  static BpmnDocument without_dangling_shapes(
      std::string_view xml, const std::vector<std::pair<std::size_t, Warning>>& dangling);

  std::string xml_;
  std::vector<Warning> warnings_;
  std::vector<std::pair<std::size_t, Warning>> dangling_;  // byte offset of each
  std::vector<FlowNode> nodes_;
  std::vector<Flow> sequence_flows_;
  std::vector<Flow> message_flows_;
  std::vector<Lane> lanes_;
  std::vector<Participant> participants_;
  std::vector<std::string> process_ids_;
  IdIndex node_index_;
  IdIndex lane_index_;
  IdIndex participant_index_;
  std::size_t xml_elements_ = 0;
  std::size_t model_elements_ = 0;
};

// Lanes name the unit they stand for in fremdrift:unitId; a map may only name units
// the tenant has. Throws core::ValidationError naming the first lane that does not.
void check_lane_units(const BpmnDocument& doc, const std::set<std::string>& known_unit_ids);

}  // namespace maps
