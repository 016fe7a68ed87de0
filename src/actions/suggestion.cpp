#include "actions/suggestion.hpp"

#include <pugixml.hpp>

#include "maps/bpmn_model.hpp"

namespace actions {
namespace {

// The namespace a prefix is bound to at `node`, looking outwards.
std::string_view namespace_of(pugi::xml_node node, std::string_view prefix) {
  std::string name = "xmlns:" + std::string(prefix);
  for (auto n = node; n; n = n.parent()) {
    if (auto a = n.attribute(name.c_str())) return a.value();
  }
  return {};
}

void collect(pugi::xml_node node, std::vector<GoLiveNote>& out) {
  for (auto a : node.attributes()) {
    std::string_view name = a.name();
    auto colon = name.find(':');
    if (colon == std::string_view::npos || name.substr(colon + 1) != "beforeGoLive") continue;
    if (namespace_of(node, name.substr(0, colon)) != maps::kFremdriftNs) continue;
    std::string note = a.value();
    auto b = note.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) continue;
    note = note.substr(b, note.find_last_not_of(" \t\r\n") - b + 1);
    out.push_back({node.attribute("id").value(), node.attribute("name").value(), note});
  }
  for (auto child : node.children()) {
    if (child.type() == pugi::node_element) collect(child, out);
  }
}

}  // namespace

std::vector<GoLiveNote> before_go_live_notes(std::string_view xml) {
  std::vector<GoLiveNote> out;
  pugi::xml_document doc;
  // No DOCTYPE processing: the stored text passed maps::scan_xml when it was saved.
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default & ~pugi::parse_doctype)) {
    return out;
  }
  collect(doc.document_element(), out);
  return out;
}

nlohmann::json to_json(const Suggestion& s) {
  return {{"map_id", s.map_id},
          {"map_title", s.map_title},
          {"element_id", s.step.element_id},
          {"step_name", s.step.step_name},
          {"note", s.step.note}};
}

}  // namespace actions
