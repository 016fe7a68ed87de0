#include "maps/bpmn_merge.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "core/errors.hpp"
#include "maps/bpmn_model.hpp"
#include "maps/document_builder.hpp"
#include "maps/xml_scan.hpp"

namespace maps {
namespace {

using bpmn_text::refuse;
using bpmn_text::trim;

constexpr auto npos = std::string_view::npos;

// Element names bpmn-moddle reads in the BPMN model namespace (its types and the
// properties it writes as elements): anything else there it drops.
constexpr std::string_view kModdleNames =
    "activationCondition activity adHocSubProcess artifact artifacts assignment association "
    "auditing baseElement boundaryEvent boundaryEventRefs businessRuleTask callActivity "
    "callChoreography callConversation callableElement cancelEventDefinition catchEvent "
    "categorizedFlowElements category categoryValue categoryValueRef childLaneSet "
    "choreography choreographyActivity choreographyRef choreographyTask collaboration "
    "compensateEventDefinition completionCondition complexBehaviorDefinition complexGateway "
    "condition conditionExpression conditionalEventDefinition conversation "
    "conversationAssociation conversationAssociations conversationLink conversationLinks "
    "conversationNode conversationNodes conversations correlationKey correlationKeys "
    "correlationProperty correlationPropertyBinding correlationPropertyRef "
    "correlationPropertyRetrievalExpression correlationSubscription correlationSubscriptions "
    "dataAssociation dataInput dataInputAssociation dataInputAssociations dataInputRefs "
    "dataInputs dataObject dataObjectReference dataOutput dataOutputAssociation "
    "dataOutputAssociations dataOutputRefs dataOutputs dataPath dataState dataStore "
    "dataStoreReference definitions diagrams documentation endEvent endPoint endPointRefs "
    "error errorEventDefinition errorRef escalation escalationEventDefinition event "
    "eventBasedGateway eventDefinition eventDefinitionRef eventDefinitions exclusiveGateway "
    "expression extension extensionAttributeDefinition extensionAttributeDefinitions "
    "extensionDefinition extensionDefinitions extensionElements extensions flowElement "
    "flowElements flowElementsContainer flowNode flowNodeRef formalExpression from gateway "
    "globalBusinessRuleTask globalChoreographyTask globalConversation globalManualTask "
    "globalScriptTask globalTask globalUserTask group humanPerformer implicitThrowEvent "
    "import imports inMessageRef inclusiveGateway incoming incomingConversationLinks "
    "inputDataItem inputOutputBinding inputOutputSpecification inputSet inputSetRef "
    "inputSetRefs inputSetWithOptional inputSetWithWhileExecuting inputSets interactionNode "
    "interface interfaceRef intermediateCatchEvent intermediateThrowEvent ioBinding "
    "ioSpecification itemAwareElement itemDefinition lane laneSet laneSets lanes "
    "linkEventDefinition loopCardinality loopCharacteristics loopCondition loopDataInputRef "
    "loopDataOutputRef manualTask message messageEventDefinition messageFlow "
    "messageFlowAssociation messageFlowAssociations messageFlowRef messageFlowRefs "
    "messageFlows messagePath monitoring multiInstanceLoopCharacteristics operation "
    "operationRef operations optionalInputRefs optionalOutputRefs outMessageRef outgoing "
    "outgoingConversationLinks outputDataItem outputSet outputSetRef outputSetRefs "
    "outputSetWithOptional outputSetWithWhileExecuting outputSets parallelGateway "
    "participant participantAssociation participantAssociations participantMultiplicity "
    "participantRef participants partitionElement partnerEntity partnerRole performer "
    "potentialOwner process properties property receiveTask relationship relationships "
    "rendering renderings resource resourceAssignmentExpression resourceParameter "
    "resourceParameterBinding resourceParameterBindings resourceParameters resourceRef "
    "resourceRole resources rootElement rootElements script scriptTask sendTask sequenceFlow "
    "serviceTask signal signalEventDefinition source sourceRef standardLoopCharacteristics "
    "startEvent subChoreography subConversation subProcess supportedInterfaceRef supports "
    "target targetRef task terminateEventDefinition text textAnnotation throwEvent timeCycle "
    "timeDate timeDuration timerEventDefinition to transaction transformation userTask "
    "values whileExecutingInputRefs whileExecutingOutputRefs ";

bool moddle_reads(std::string_view local) {
  static const auto names = [] {
    std::unordered_set<std::string_view> out;
    for (std::size_t from = 0; from < kModdleNames.size();) {
      auto space = std::min(kModdleNames.find(' ', from), kModdleNames.size());
      out.insert(kModdleNames.substr(from, space - from));
      from = space + 1;
    }
    return out;
  }();
  return names.count(local) != 0;
}

struct Name {
  std::string_view uri;
  std::string_view local;
  bool operator==(const Name& o) const { return uri == o.uri && local == o.local; }
};

std::pair<std::string_view, std::string_view> split(std::string_view qname) {
  auto colon = qname.find(':');
  if (colon == npos) return {{}, qname};
  return {qname.substr(0, colon), qname.substr(colon + 1)};
}

bool is_declaration(std::string_view name) {
  return name == "xmlns" || name.substr(0, 6) == "xmlns:";
}

// The namespace `prefix` stands for at `node`.
std::string_view uri_of(pugi::xml_node node, std::string_view prefix) {
  if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
  std::string declaration = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (auto n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    if (auto a = n.attribute(declaration.c_str())) return a.value();
  }
  return {};
}

Name element_name(pugi::xml_node node) {
  auto [prefix, local] = split(node.name());
  return {uri_of(node, prefix), local};
}

// Unprefixed attributes are in no namespace, whatever the default namespace is.
Name attribute_name(pugi::xml_node node, pugi::xml_attribute a) {
  auto [prefix, local] = split(a.name());
  return {prefix.empty() ? std::string_view{} : uri_of(node, prefix), local};
}

bool is_diagram(std::string_view uri) { return uri == kBpmnDiNs || uri == kDcNs || uri == kDiNs; }

bool is_extension_elements(const Name& n) {
  return n.uri == kBpmnModelNs && n.local == "extensionElements";
}

// What bpmn-moddle reads and writes back itself.
bool modelled(pugi::xml_node node) {
  auto n = element_name(node);
  if (n.uri == kBpmnModelNs) {
    return !is_extension_elements(n) && moddle_reads(n.local);
  }
  return is_diagram(n.uri);
}

// "bpmn2:Flow_1": a reference moddle looks up as it stands, and so never finds.
bool is_prefixed_reference(std::string_view s) {
  s = trim(s);
  auto colon = s.find(':');
  if (colon == npos || colon == 0 || colon + 1 == s.size() || s.find(':', colon + 1) != npos)
    return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) != 0 || c == '_' || c == '-' || c == '.' || c == ':';
  });
}

bool has_element_child(pugi::xml_node node) {
  for (auto c : node.children()) {
    if (c.type() == pugi::node_element) return true;
  }
  return false;
}

// An element holding just a reference or a text (flowNodeRef, documentation, …).
bool is_text_leaf(pugi::xml_node node) {
  return !has_element_child(node) && !trim(node.child_value()).empty();
}

pugi::xml_attribute find_attribute(pugi::xml_node node, const Name& name) {
  for (auto a : node.attributes()) {
    if (!is_declaration(a.name()) && attribute_name(node, a) == name) return a;
  }
  return {};
}

// An element holding `text` by its name, to find its like among siblings.
std::string leaf_key(const Name& name, std::string_view text) {
  std::string k(name.uri);
  return k.append(1, '\0').append(name.local).append(1, '\0').append(text);
}

// The id-less modelled children of a stored element, to merge edited ones with: the next
// of the same name, or for a reference or a text the next with the same text. So what
// sits inside a label or bounds survives, and kept neighbours find their place.
class Counterparts {
 public:
  explicit Counterparts(pugi::xml_node base) {
    for (auto c : base.children()) {
      if (c.type() == pugi::node_element && c.attribute("id").empty() && modelled(c)) {
        queues_[key(c)].push_back(c);
      }
    }
  }

  pugi::xml_node next(pugi::xml_node edited) {
    auto it = queues_.find(key(edited));
    if (it == queues_.end() || it->second.empty()) return {};
    auto node = it->second.front();
    it->second.pop_front();
    return node;
  }

 private:
  static std::string key(pugi::xml_node node) {
    auto name = element_name(node);
    if (is_text_leaf(node)) return leaf_key(name, trim(node.child_value()));
    std::string k(name.uri);
    return k.append(1, '\0').append(name.local);
  }

  std::unordered_map<std::string, std::deque<pugi::xml_node>> queues_;
};

class Merger {
 public:
  Merger(pugi::xml_node base_root, pugi::xml_node edited_root)
      : base_root_(base_root), edited_root_(edited_root) {}

  void run(pugi::xml_node out_root) {
    out_root_ = out_root;
    for (auto a : base_root_.attributes()) {
      std::string_view name = a.name();
      if (name == "xmlns") default_uri_ = a.value();
      if (name.substr(0, 6) == "xmlns:") {
        prefixes_.emplace(a.value(), name.substr(6));
        used_prefixes_.emplace(name.substr(6), a.value());
      }
    }
    index(base_root_);
    merge(base_root_, edited_root_, out_root, 0);
  }

 private:
  // The modelled elements with an id, outside extensionElements and foreign content.
  void index(pugi::xml_node root) {
    std::vector<pugi::xml_node> stack{root};
    while (!stack.empty()) {
      auto node = stack.back();
      stack.pop_back();
      if (std::string_view id = node.attribute("id").value(); !id.empty()) {
        base_ids_.emplace(id, node);
      }
      for (auto c : node.children()) {
        if (c.type() == pugi::node_element && modelled(c)) stack.push_back(c);
      }
    }
  }

  // The prefix the result uses for `uri`, declared on the root when the stored version
  // has none for it (attributes need a prefix; elements may use the default namespace).
  std::string prefix_for(std::string_view uri, std::string_view wanted, bool attribute) {
    if (auto it = prefixes_.find(uri); it != prefixes_.end()) return std::string(it->second);
    if (!attribute && uri == default_uri_) return {};
    std::string prefix = wanted.empty() ? "ns" : std::string(wanted);
    for (int i = 1; used_prefixes_.count(prefix) != 0; ++i) prefix = fmt::format("ns{}", i);
    auto declared = out_root_.append_attribute(("xmlns:" + prefix).c_str());
    declared.set_value(std::string(uri).c_str());
    const auto& made = names_.emplace_back(prefix);
    prefixes_.emplace(declared.value(), made);
    used_prefixes_.emplace(made, declared.value());
    return prefix;
  }

  std::string mapped(pugi::xml_node edited, std::string_view qname, bool attribute) {
    auto [prefix, local] = split(qname);
    if ((attribute && prefix.empty()) || prefix == "xml") return std::string(qname);
    auto uri = uri_of(edited, prefix);
    if (uri.empty()) return std::string(qname);
    auto p = prefix_for(uri, prefix, attribute);
    return p.empty() ? std::string(local) : p + ":" + std::string(local);
  }

  pugi::xml_node open(pugi::xml_node out, pugi::xml_node base, pugi::xml_node edited) {
    if (element_name(base) == element_name(edited)) return out.append_child(base.name());
    return out.append_child(mapped(edited, edited.name(), false).c_str());
  }

  static void check_depth(std::size_t depth) {
    if (depth > kMaxDepth)
      refuse(fmt::format("elements are nested more than {} levels deep", kMaxDepth));
  }

  // An element only the edited version has, as it stands.
  void copy(pugi::xml_node edited, pugi::xml_node out, std::size_t depth) {
    check_depth(depth);
    if (edited.type() == pugi::node_pcdata || edited.type() == pugi::node_cdata) {
      out.append_child(edited.type()).set_value(edited.value());
      return;
    }
    if (edited.type() != pugi::node_element) return;
    auto node = out.append_child(mapped(edited, edited.name(), false).c_str());
    for (auto a : edited.attributes()) {
      if (is_declaration(a.name())) continue;
      node.append_attribute(mapped(edited, a.name(), true).c_str()).set_value(a.value());
    }
    for (auto c : edited.children()) copy(c, node, depth + 1);
  }

  // Stored attributes the edited version has are updated; the ones it lacks are gone
  // unless the editor could not have carried them.
  void merge_attributes(pugi::xml_node base, pugi::xml_node edited, pugi::xml_node out) {
    for (auto a : base.attributes()) {
      if (is_declaration(a.name())) {
        out.append_attribute(a.name()).set_value(a.value());
        continue;
      }
      auto name = attribute_name(base, a);
      if (auto now = find_attribute(edited, name)) {
        out.append_attribute(a.name()).set_value(now.value());
      } else if (name.uri.empty() ? is_prefixed_reference(a.value())
                                  : name.uri != kFremdriftNs && name.uri != kBpmnModelNs &&
                                        !is_diagram(name.uri)) {
        out.append_attribute(a.name()).set_value(a.value());
      }
    }
    for (auto a : edited.attributes()) {
      if (is_declaration(a.name()) || find_attribute(base, attribute_name(edited, a))) continue;
      out.append_attribute(mapped(edited, a.name(), true).c_str()).set_value(a.value());
    }
  }

  // Whether a child of the stored element stays although the edited one does not have it
  // (`edited_has`: whether the edited element has a child with this leaf_key).
  template <typename Lookup>
  static bool kept(pugi::xml_node child, const Lookup& edited_has) {
    if (child.type() == pugi::node_comment) return true;
    if (child.type() != pugi::node_element) return false;
    if (is_extension_elements(element_name(child)) || !modelled(child)) return true;
    if (!child.attribute("id").empty() || !is_text_leaf(child)) return false;
    std::string_view text = trim(child.child_value());
    return is_prefixed_reference(text) &&
           !edited_has(leaf_key(element_name(child), split(text).second));
  }

  void merge(pugi::xml_node base, pugi::xml_node edited, pugi::xml_node out, std::size_t depth) {
    check_depth(depth);
    merge_attributes(base, edited, out);
    bool base_has_extensions = false;
    for (auto c : base.children()) {
      base_has_extensions = base_has_extensions || (c.type() == pugi::node_element &&
                                                    is_extension_elements(element_name(c)));
    }
    std::unordered_map<pugi::xml_node_struct*, pugi::xml_node> placed;
    Counterparts counterparts(base);
    for (auto c : edited.children()) {
      if (c.type() != pugi::node_element) {
        copy(c, out, depth + 1);
        continue;
      }
      auto name = element_name(c);
      if (is_extension_elements(name) && base_has_extensions) continue;
      if (!modelled(c) && !is_extension_elements(name)) continue;  // stored ones are kept
      pugi::xml_node match;
      if (std::string_view id = c.attribute("id").value(); !id.empty()) {
        if (auto it = base_ids_.find(id); it != base_ids_.end()) match = it->second;
      } else {
        match = counterparts.next(c);
      }
      if (!match) {
        copy(c, out, depth + 1);
        continue;
      }
      auto child = open(out, match, c);
      merge(match, c, child, depth + 1);
      if (match.parent() == base) placed[match.internal_object()] = child;
    }
    std::unordered_set<std::string> edited_leaves;  // read when first needed
    bool leaves_read = false;
    auto edited_has = [&](const std::string& key) {
      for (auto e = edited.first_child(); e && !leaves_read; e = e.next_sibling()) {
        if (e.type() == pugi::node_element && is_text_leaf(e))
          edited_leaves.insert(leaf_key(element_name(e), trim(e.child_value())));
      }
      leaves_read = true;
      return edited_leaves.count(key) != 0;
    };
    pugi::xml_node anchor;
    for (auto c : base.children()) {
      if (auto it = placed.find(c.internal_object()); it != placed.end()) {
        anchor = it->second;
      } else if (kept(c, edited_has)) {
        anchor = anchor ? out.insert_copy_after(c, anchor) : out.prepend_copy(c);
      }
    }
  }

  pugi::xml_node base_root_;
  pugi::xml_node edited_root_;
  pugi::xml_node out_root_;
  std::string_view default_uri_;
  std::unordered_map<std::string_view, std::string_view> prefixes_;       // uri → prefix
  std::unordered_map<std::string_view, std::string_view> used_prefixes_;  // prefix → uri
  std::deque<std::string> names_;  // prefixes made up here (a deque: views stay valid)
  std::unordered_map<std::string_view, pugi::xml_node> base_ids_;
};

// As BpmnDocument reads (the declaration is copied as text), with the comments.
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_comments;

// The stored text's XML declaration, as it stands.
std::string_view declaration_of(std::string_view xml) {
  auto start = xml.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (xml.substr(start, 5) != "<?xml") return {};
  auto end = xml.find("?>");
  return end == npos ? std::string_view{} : xml.substr(0, end + 2);
}

pugi::xml_node load(pugi::xml_document& dom, const std::string& xml) {
  auto result = dom.load_buffer(xml.data(), xml.size(), kParseOptions, pugi::encoding_utf8);
  if (!result) {
    auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    refuse(fmt::format("not well-formed XML: {} (line {}, column {})", result.description(),
                       line_of(xml, offset), column_of(xml, offset)));
  }
  return dom.document_element();
}

}  // namespace

std::string merge_edit(const std::string& stored, const std::string& edited) {
  if (edited.size() > kMaxBytes) {
    throw core::PayloadTooLarge(
        fmt::format("the BPMN file is larger than {} MB", kMaxBytes / (1024 * 1024)));
  }
  scan_xml(edited);
  pugi::xml_document base;
  pugi::xml_document change;
  auto base_root = load(base, stored);
  auto edited_root = load(change, edited);
  // Not a BPMN file: the checks of the edited text say so.
  if (!base_root || !edited_root || !(element_name(base_root) == element_name(edited_root)))
    return edited;
  pugi::xml_document out;
  for (auto n : base.children()) {
    if (n != base_root) {
      out.append_copy(n);
      continue;
    }
    Merger(base_root, edited_root).run(out.append_child(n.name()));
  }
  std::ostringstream text;
  if (auto declaration = declaration_of(stored); !declaration.empty()) text << declaration << '\n';
  out.save(text, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  return text.str();
}

}  // namespace maps
