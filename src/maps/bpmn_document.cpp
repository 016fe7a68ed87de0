#include "maps/bpmn_document.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "core/errors.hpp"
#include "maps/document_builder.hpp"
#include "maps/xml_scan.hpp"

namespace maps {
namespace {

using bpmn_text::refuse;
using bpmn_text::trim;

}  // namespace

// The checks once every element was read: references resolve, flows connect flow nodes,
// lanes list known nodes (the innermost lane wins).
void DocumentBuilder::finish() {
  for (const auto& r : refs_) {
    if (ids_.count(r.target) != 0) continue;
    if (r.offset >= 0) {
      doc_.dangling_.push_back(
          {static_cast<std::size_t>(r.offset),
           {std::string(r.owner_id),
            fmt::format("the diagram's {} '{}' draws '{}', which the file does not have: it was "
                        "left out",
                        r.owner_kind, clip(r.owner_id), clip(r.target))}});
      continue;
    }
    std::string owner = r.owner_id.empty() ? fmt::format("a {}", r.owner_kind)
                                           : fmt::format("{} '{}'", r.owner_kind, r.owner_id);
    refuse(fmt::format("{} refers to an unknown element '{}' in {}", owner, clip(r.target),
                       r.attribute));
  }
  doc_.index();
  for (const auto& f : doc_.sequence_flows_) {
    for (const auto* end : {&f.source, &f.target}) {
      if (doc_.find_node(*end) == nullptr) {
        refuse(
            fmt::format("sequenceFlow '{}' connects '{}', which is not a flow node", f.id, *end));
      }
    }
  }
  // A node listed by a lane and by lanes nested in it belongs to the innermost one.
  std::vector<std::size_t> depth(doc_.lanes_.size(), 0);
  for (std::size_t i = 0; i < doc_.lanes_.size(); ++i) {
    if (const auto* parent = doc_.find_lane(doc_.lanes_[i].parent_lane_id)) {
      depth[i] = depth[static_cast<std::size_t>(parent - doc_.lanes_.data())] + 1;
    }
  }
  for (const auto& [lane_id, node_id] : lane_refs_) {
    if (ids_.count(node_id) == 0) {
      refuse(fmt::format("lane '{}' refers to an unknown element '{}' in flowNodeRef", lane_id,
                         clip(node_id)));
    }
    auto it = doc_.node_index_.find(node_id);
    if (it == doc_.node_index_.end()) continue;
    auto& node = doc_.nodes_[it->second];
    auto lane = doc_.lane_index_.find(lane_id)->second;
    if (node.lane_id.empty() || depth[lane] > depth[doc_.lane_index_.find(node.lane_id)->second]) {
      node.lane_id = lane_id;
    }
  }
}

BpmnDocument BpmnDocument::parse(std::string xml) {
  auto too_large = [] {
    return core::PayloadTooLarge(
        fmt::format("the BPMN file is larger than {} MB", kMaxBytes / (1024 * 1024)));
  };
  if (xml.size() > kMaxBytes) throw too_large();
  // Kept in UTF-8 from here on: the stored and exported text, and what the editor reads.
  xml = latin1_to_utf8(std::move(xml));
  if (xml.size() > kMaxBytes) throw too_large();
  if (trim(xml).empty()) refuse("the BPMN file is empty");
  auto elements = scan_xml(xml);
  pugi::xml_document dom;
  auto result = dom.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype,
                                pugi::encoding_utf8);
  if (!result) {
    auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    refuse(fmt::format("not well-formed XML: {} (line {}, column {})", result.description(),
                       line_of(xml, offset), column_of(xml, offset)));
  }
  pugi::xml_node root;
  for (auto n : dom.children()) {
    if (n.type() == pugi::node_doctype) refuse("a DOCTYPE is not allowed");
    if (n.type() != pugi::node_element) continue;
    if (root) refuse("the file has more than one root element");
    root = n;
  }
  if (!root) refuse("the file has no root element");
  BpmnDocument doc;
  DocumentBuilder builder(doc, xml, elements);
  builder.walk(root);
  builder.finish();
  if (!doc.dangling_.empty()) return without_dangling_shapes(xml, doc.dangling_);
  doc.xml_ = std::move(xml);
  return doc;
}

// The file again without the shapes and edges that draw nothing, each cut out with the
// white space before it on its line.
BpmnDocument BpmnDocument::without_dangling_shapes(
    std::string_view xml, const std::vector<std::pair<std::size_t, Warning>>& dangling) {
  std::string kept;
  std::size_t from = 0;
  for (const auto& [offset, warning] : dangling) {
    auto start = xml[offset] == '<' ? offset : offset - 1;
    auto end = element_end(xml, start);
    while (start > from && (xml[start - 1] == ' ' || xml[start - 1] == '\t')) --start;
    if (start > from && xml[start - 1] == '\n') --start;
    if (start > from && xml[start - 1] == '\r') --start;
    kept.append(xml.substr(from, start - from));
    from = end;
  }
  kept.append(xml.substr(from));
  auto doc = parse(std::move(kept));
  for (const auto& d : dangling) doc.warnings_.push_back(d.second);
  return doc;
}

void BpmnDocument::index() {
  for (std::size_t i = 0; i < nodes_.size(); ++i) node_index_.emplace(nodes_[i].id, i);
  for (std::size_t i = 0; i < lanes_.size(); ++i) lane_index_.emplace(lanes_[i].id, i);
  for (std::size_t i = 0; i < participants_.size(); ++i) {
    participant_index_.emplace(participants_[i].id, i);
  }
}

namespace {
template <typename T>
const T* find_in(const IdIndex& index, const std::vector<T>& items, std::string_view id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &items[it->second];
}
}  // namespace

const FlowNode* BpmnDocument::find_node(std::string_view id) const {
  return find_in(node_index_, nodes_, id);
}
const Lane* BpmnDocument::find_lane(std::string_view id) const {
  return find_in(lane_index_, lanes_, id);
}
const Participant* BpmnDocument::find_participant(std::string_view id) const {
  return find_in(participant_index_, participants_, id);
}

void check_lane_units(const BpmnDocument& doc, const std::set<std::string>& known_unit_ids) {
  for (const auto& lane : doc.lanes()) {
    if (!lane.unit_id.empty() && known_unit_ids.count(lane.unit_id) == 0) {
      refuse(fmt::format("lane '{}' stands for the unit '{}', which does not exist", lane.id,
                         clip(lane.unit_id)));
    }
  }
}

}  // namespace maps
