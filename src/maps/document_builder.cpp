// Reading the model: one pass over the DOM that collects flow nodes, flows, lanes and
// participants with fremdrift's extension attributes, checking each element as it goes.
#include "maps/document_builder.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "maps/xml_scan.hpp"

namespace maps {

namespace bpmn_text {

void refuse(const std::string& message) { throw core::ValidationError("bpmn", message); }

std::string_view trim(std::string_view s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace bpmn_text

namespace {

using bpmn_text::refuse;
using bpmn_text::trim;

constexpr auto npos = std::string_view::npos;
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// QName references (bpmnElement, processRef, messageFlow ends) may carry a prefix
// for the document's own target namespace; ids themselves never hold a colon.
std::string_view local_of(std::string_view qname) {
  auto colon = qname.rfind(':');
  return colon == npos ? qname : qname.substr(colon + 1);
}

std::pair<std::string_view, std::string_view> split(std::string_view qname) {
  auto colon = qname.find(':');
  if (colon == npos) return {{}, qname};
  return {qname.substr(0, colon), qname.substr(colon + 1)};
}

// xsd:ID is an NCName: no colon, no white space, not starting with a digit, '-' or '.'.
bool is_valid_id(std::string_view id) {
  if (id.empty() || code_points(id) > kMaxLabel) return false;
  auto first = static_cast<unsigned char>(id[0]);
  if ((first >= '0' && first <= '9') || first == '-' || first == '.') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
           (u >= '0' && u <= '9') || u == '_' || u == '-' || u == '.';
  });
}

std::string_view attr(pugi::xml_node node, const char* name) {
  return node.attribute(name).value();
}

pugi::xml_node first_element(pugi::xml_node node) {
  while (node && node.type() != pugi::node_element) node = node.next_sibling();
  return node;
}

}  // namespace

void DocumentBuilder::walk(pugi::xml_node root) {
  pugi::xml_node cur = root;
  for (;;) {
    enter(cur);
    if (auto child = first_element(cur.first_child())) {
      cur = child;
      continue;
    }
    for (;;) {
      leave();
      if (cur == root) return;
      if (auto next = first_element(cur.next_sibling())) {
        cur = next;
        break;
      }
      cur = cur.parent();
    }
  }
}

void DocumentBuilder::enter(pugi::xml_node node) {
  ++doc_.xml_elements_;
  if (stack_.size() >= kMaxDepth) {
    refuse(fmt::format("elements are nested more than {} levels deep (line {})", kMaxDepth,
                       line(node)));
  }
  Context c = stack_.empty() ? Context{} : stack_.back();
  c.scope_size = scope_.size();
  c.kind = {};
  c.id = {};
  declare_namespaces(node);
  auto [prefix, local] = split(node.name());
  auto ns = lookup(prefix);
  if (stack_.empty() && (ns != kBpmnModelNs || local != "definitions")) {
    refuse(
        fmt::format("not a BPMN 2.0 file: the root element is <{}> in the namespace \"{}\", not "
                    "<definitions> in \"{}\"",
                    clip(node.name()), clip(ns), kBpmnModelNs));
  }
  if (c.region != Region::kForeign) {
    if (ns == kBpmnModelNs) {
      model_element(node, local, c);
    } else if (ns == kBpmnDiNs) {
      diagram_element(node, local, c);
    } else if (ns == kDcNs || ns == kDiNs) {
      register_id(node, local);
    } else {
      c.region = Region::kForeign;
    }
  }
  if (c.region != Region::kDiagram && ++doc_.model_elements_ > kMaxModelElements) {
    refuse(fmt::format("the map has more than {} BPMN elements (line {})", kMaxModelElements,
                       line(node)));
  }
  stack_.push_back(c);
}

void DocumentBuilder::declare_namespaces(pugi::xml_node node) {
  names_.clear();
  for (auto a : node.attributes()) {
    std::string_view name = a.name();
    names_.push_back(name);
    if (name == "xmlns") {
      scope_.emplace_back(std::string_view{}, a.value());
    } else if (name.substr(0, 6) == "xmlns:") {
      scope_.emplace_back(name.substr(6), a.value());
    }
  }
  // Prefixes are looked up by a walk over the declarations in scope; bounding them
  // keeps that walk short whatever the file.
  if (scope_.size() > kMaxNamespaces) {
    refuse(fmt::format("more than {} namespace declarations are in scope (line {})", kMaxNamespaces,
                       line(node)));
  }
  if (names_.size() < 2) return;
  std::sort(names_.begin(), names_.end());
  if (auto dup = std::adjacent_find(names_.begin(), names_.end()); dup != names_.end()) {
    refuse(fmt::format("the element <{}> has the attribute {} twice (line {})", clip(node.name()),
                       clip(*dup), line(node)));
  }
}

std::string_view DocumentBuilder::lookup(std::string_view prefix) const {
  if (prefix == "xml") return kXmlNs;
  for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
    if (it->first == prefix) return it->second;
  }
  return {};
}

DocumentBuilder::Extension DocumentBuilder::extension(pugi::xml_node node) const {
  Extension e;
  for (auto a : node.attributes()) {
    auto [prefix, local] = split(a.name());
    if (prefix.empty() || prefix == "xmlns" || lookup(prefix) != kFremdriftNs) continue;
    std::string_view value = a.value();
    if (local == "stepType") e.step_type = value;
    if (local == "itSystem") e.it_system = value;
    if (local == "durationMinutes") e.duration = value;
    if (local == "waitingMinutes") e.waiting = value;
    if (local == "kpi") e.kpi = value;
    if (local == "unitId") e.unit_id = value;
    if (local == "laneKind") e.lane_kind = value;
  }
  return e;
}

void DocumentBuilder::register_id(pugi::xml_node node, std::string_view kind) {
  std::string_view id = attr(node, "id");
  if (id.empty()) return;
  if (!is_valid_id(id)) {
    refuse(fmt::format("the id \"{}\" of a {} is not a valid XML name (line {})", clip(id),
                       clip(kind), line(node)));
  }
  auto [it, inserted] = ids_.emplace(id, kind);
  if (!inserted) {
    refuse(fmt::format("the id '{}' is used twice (by a {} and a {})", id, it->second, kind));
  }
}

std::string_view DocumentBuilder::required_id(pugi::xml_node node, std::string_view kind) {
  std::string_view id = attr(node, "id");
  if (id.empty()) refuse(fmt::format("a {} has no id (line {})", kind, line(node)));
  return id;
}

void DocumentBuilder::model_element(pugi::xml_node node, std::string_view local, Context& c) {
  register_id(node, local);
  const Context* parent = stack_.empty() ? nullptr : &stack_.back();
  if (local == "extensionElements") {
    c.region = Region::kForeign;
  } else if (local == "process") {
    auto id = required_id(node, local);
    c.process = c.container = id;
    doc_.process_ids_.emplace_back(id);
  } else if (is_flow_node(local)) {
    if (!c.container.empty()) flow_node(node, local, required_id(node, local), c);
  } else if (local == "sequenceFlow") {
    if (!c.container.empty()) {
      flow(node, local, required_id(node, local), false, doc_.sequence_flows_);
    }
  } else if (local == "messageFlow") {
    flow(node, local, required_id(node, local), true, doc_.message_flows_);
  } else if (local == "participant") {
    participant(node, required_id(node, local));
  } else if (local == "lane") {
    lane(node, required_id(node, local), c);
  } else if (local == "association") {
    std::string_view id = attr(node, "id");
    for (const char* a : {"sourceRef", "targetRef"}) {
      std::string_view target = attr(node, a);
      if (!target.empty()) refs_.push_back({local, id, a, local_of(target)});
    }
  } else if (parent != nullptr && local == "flowNodeRef" && parent->kind == "lane") {
    lane_refs_.emplace_back(parent->id, trim(node.child_value()));
  } else if (parent != nullptr && (local == "incoming" || local == "outgoing") &&
             is_flow_node(parent->kind)) {
    refs_.push_back({parent->kind, parent->id, local, trim(node.child_value())});
  }
}

void DocumentBuilder::diagram_element(pugi::xml_node node, std::string_view local, Context& c) {
  register_id(node, local);
  if (local == "BPMNDiagram") {
    c.region = Region::kDiagram;
  } else if (local == "BPMNPlane" || local == "BPMNShape" || local == "BPMNEdge") {
    std::string_view target = attr(node, "bpmnElement");
    if (!target.empty()) {
      refs_.push_back({local, attr(node, "id"), "bpmnElement", local_of(target),
                       local == "BPMNPlane" ? -1 : node.offset_debug()});
    }
  }
}

void DocumentBuilder::flow_node(pugi::xml_node node, std::string_view kind, std::string_view id,
                                Context& c) {
  FlowNode n;
  n.id = id;
  n.kind = kind;
  n.name = attr(node, "name");
  n.process_id = c.process;
  n.parent_id = c.container;
  if (kind == "boundaryEvent") {
    n.attached_to = local_of(attr(node, "attachedToRef"));
    if (n.attached_to.empty()) refuse(fmt::format("boundaryEvent '{}' has no attachedToRef", id));
    refs_.push_back({kind, id, "attachedToRef", local_of(attr(node, "attachedToRef"))});
  }
  if (std::string_view d = attr(node, "default"); !d.empty()) {
    refs_.push_back({kind, id, "default", d});
  }
  if (is_sub_process(kind)) {
    n.triggered_by_event = std::string_view(attr(node, "triggeredByEvent")) == "true";
    c.container = id;
  }
  auto e = extension(node);
  if (e.step_type) {
    n.step_type = parse_step_type(*e.step_type);
    if (!n.step_type) {
      refuse(fmt::format("{} '{}' has an unknown fremdrift:stepType \"{}\"", kind, id,
                         clip(*e.step_type)));
    }
  }
  if (e.it_system) {
    auto name = trim(*e.it_system);
    if (code_points(name) > kMaxLabel) {
      refuse(fmt::format("the fremdrift:itSystem of {} '{}' is longer than {} characters", kind, id,
                         kMaxLabel));
    }
    n.it_system = name;
  }
  if (e.duration) n.duration_minutes = minutes(*e.duration, "durationMinutes", kind, id);
  if (e.waiting) n.waiting_minutes = minutes(*e.waiting, "waitingMinutes", kind, id);
  if (e.kpi) {
    auto v = trim(*e.kpi);
    if (v != "true" && v != "false" && v != "1" && v != "0") {
      refuse(fmt::format("fremdrift:kpi of {} '{}' must be true or false", kind, id));
    }
    n.kpi = v == "true" || v == "1";
  }
  doc_.nodes_.push_back(std::move(n));
  c.kind = kind;
  c.id = id;
}

std::int64_t DocumentBuilder::minutes(std::string_view value, std::string_view attribute,
                                      std::string_view kind, std::string_view id) const {
  auto v = trim(value);
  std::int64_t out = 0;
  bool ok = !v.empty();
  for (char ch : v) {
    // Stop before the value could overflow: anything this long is out of range anyway.
    if (ch < '0' || ch > '9' || out > kMaxMinutes) {
      ok = false;
      break;
    }
    out = out * 10 + (ch - '0');
  }
  if (!ok || out > kMaxMinutes) {
    refuse(fmt::format("fremdrift:{} of {} '{}' must be a whole number of minutes from 0 to {}",
                       attribute, kind, id, kMaxMinutes));
  }
  return out;
}

void DocumentBuilder::flow(pugi::xml_node node, std::string_view kind, std::string_view id,
                           bool qnames, std::vector<Flow>& out) {
  std::string_view source = attr(node, "sourceRef");
  std::string_view target = attr(node, "targetRef");
  if (source.empty()) refuse(fmt::format("{} '{}' has no sourceRef", kind, id));
  if (target.empty()) refuse(fmt::format("{} '{}' has no targetRef", kind, id));
  if (qnames) {
    source = local_of(source);
    target = local_of(target);
  }
  refs_.push_back({kind, id, "sourceRef", source});
  refs_.push_back({kind, id, "targetRef", target});
  out.push_back({std::string(id), std::string(source), std::string(target)});
}

bool DocumentBuilder::citizen_kind(const Extension& e, std::string_view kind,
                                   std::string_view id) const {
  if (!e.lane_kind) return false;
  auto v = trim(*e.lane_kind);
  if (v != "citizen" && v != "unit") {
    refuse(fmt::format("fremdrift:laneKind of {} '{}' must be \"unit\" or \"citizen\"", kind, id));
  }
  return v == "citizen";
}

void DocumentBuilder::lane(pugi::xml_node node, std::string_view id, Context& c) {
  auto e = extension(node);
  Lane l;
  l.id = id;
  l.name = attr(node, "name");
  l.process_id = c.process;
  l.parent_lane_id = c.lane;
  l.citizen = citizen_kind(e, "lane", id);
  if (e.unit_id) {
    auto unit = trim(*e.unit_id);
    if (code_points(unit) > kMaxLabel) {
      refuse(fmt::format("the fremdrift:unitId of lane '{}' is longer than {} characters", id,
                         kMaxLabel));
    }
    l.unit_id = unit;
  }
  doc_.lanes_.push_back(std::move(l));
  c.lane = id;
  c.kind = "lane";
  c.id = id;
}

void DocumentBuilder::participant(pugi::xml_node node, std::string_view id) {
  auto process = local_of(attr(node, "processRef"));
  if (!process.empty()) refs_.push_back({"participant", id, "processRef", process});
  Participant p;
  p.id = id;
  p.name = attr(node, "name");
  p.process_id = process;
  p.citizen = citizen_kind(extension(node), "participant", id);
  doc_.participants_.push_back(std::move(p));
}

}  // namespace maps
