#pragma once

// The reading of a BPMN file into a BpmnDocument, shared by the reader
// (document_builder.cpp) and the checks after it (bpmn_document.cpp). Internal to maps.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "maps/bpmn_document.hpp"
#include "maps/xml_scan.hpp"

namespace maps {

namespace bpmn_text {
// A ValidationError on the field "bpmn".
[[noreturn]] void refuse(const std::string& message);
std::string_view trim(std::string_view s);
}  // namespace bpmn_text

// One pass over the DOM, iterative (a deeply nested file cannot exhaust the stack),
// resolving namespace prefixes as it goes; references are checked at the end, once
// every id is known. Holds views into the DOM, so it lives no longer than the DOM.
class DocumentBuilder {
 public:
  enum class Region { kModel, kDiagram, kForeign };

  // What an open element hands down to its children.
  struct Context {
    std::size_t scope_size = 0;
    Region region = Region::kModel;
    std::string_view process;
    std::string_view container;  // process or sub-process
    std::string_view lane;
    std::string_view kind;  // this element's BPMN local name, when it matters to children
    std::string_view id;
  };

  struct Reference {
    std::string_view owner_kind;
    std::string_view owner_id;
    std::string_view attribute;
    std::string_view target;
    std::ptrdiff_t offset = -1;  // a shape or edge, which is left out when it dangles
  };

  // fremdrift's attributes on one element.
  struct Extension {
    std::optional<std::string_view> step_type, it_system, duration, waiting, kpi, unit_id,
        lane_kind;
  };

  DocumentBuilder(BpmnDocument& doc, std::string_view xml, std::size_t elements)
      : doc_(doc), xml_(xml) {
    ids_.reserve(elements / 2);
  }

  void walk(pugi::xml_node root);
  void finish();

 private:
  void enter(pugi::xml_node node);
  void leave() {
    scope_.resize(stack_.back().scope_size);
    stack_.pop_back();
  }
  void declare_namespaces(pugi::xml_node node);
  std::string_view lookup(std::string_view prefix) const;
  Extension extension(pugi::xml_node node) const;
  std::size_t line(pugi::xml_node node) const {
    auto offset = node.offset_debug();
    return offset < 0 ? 0 : line_of(xml_, static_cast<std::size_t>(offset));
  }

  void model_element(pugi::xml_node node, std::string_view local, Context& c);
  void diagram_element(pugi::xml_node node, std::string_view local, Context& c);
  void register_id(pugi::xml_node node, std::string_view kind);
  std::string_view required_id(pugi::xml_node node, std::string_view kind);
  void flow_node(pugi::xml_node node, std::string_view kind, std::string_view id, Context& c);
  void flow(pugi::xml_node node, std::string_view kind, std::string_view id, bool qnames,
            std::vector<Flow>& out);
  void lane(pugi::xml_node node, std::string_view id, Context& c);
  void participant(pugi::xml_node node, std::string_view id);
  std::int64_t minutes(std::string_view value, std::string_view attribute, std::string_view kind,
                       std::string_view id) const;
  bool citizen_kind(const Extension& e, std::string_view kind, std::string_view id) const;

  BpmnDocument& doc_;
  std::string_view xml_;
  std::vector<Context> stack_;
  std::vector<std::pair<std::string_view, std::string_view>> scope_;  // prefix → URI
  std::vector<std::string_view> names_;                               // scratch
  std::unordered_map<std::string_view, std::string_view> ids_;        // id → kind
  std::vector<Reference> refs_;
  std::vector<std::pair<std::string_view, std::string_view>> lane_refs_;  // lane, node
};

}  // namespace maps
