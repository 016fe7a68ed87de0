#include "bank/start_project.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <unordered_map>

#include <pugixml.hpp>

#include "core/errors.hpp"
#include "kpis/kpi.hpp"
#include "maps/bpmn_model.hpp"
#include "projects/method_template.hpp"

namespace bank {
namespace {

using nlohmann::json;

constexpr std::size_t kKpiNameMax = 200;
constexpr std::size_t kKpiDefinitionMax = 4000;
constexpr std::size_t kKpiUnitMax = 40;
// Where the tasks' notes are drawn: a row under the lowest shape of the diagram.
constexpr int kNoteGap = 40;
constexpr int kNoteWidth = 220;
constexpr int kNoteHeight = 90;
constexpr int kNoteStride = kNoteWidth + 30;

std::string_view local_name(std::string_view qualified) {
  auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

std::string_view prefix_of(std::string_view qualified) {
  auto colon = qualified.find(':');
  return colon == std::string_view::npos ? std::string_view() : qualified.substr(0, colon);
}

// Every prefix the document binds to `ns` anywhere, and whether it is the default one.
struct Bindings {
  std::set<std::string> prefixes;
  bool is_default = false;
};

void collect_bindings(pugi::xml_node node, std::string_view ns, Bindings& out) {
  for (auto a : node.attributes()) {
    std::string_view name = a.name();
    if (std::string_view(a.value()) != ns) continue;
    if (name == "xmlns") out.is_default = true;
    if (name.rfind("xmlns:", 0) == 0) out.prefixes.insert(std::string(name.substr(6)));
  }
  for (auto child : node.children(/*all*/))
    if (child.type() == pugi::node_element) collect_bindings(child, ns, out);
}

Bindings bindings(const pugi::xml_document& doc, std::string_view ns) {
  Bindings b;
  collect_bindings(doc.document_element(), ns, b);
  return b;
}

// The prefix (with its colon, or "" for the default namespace) to write names of `ns` with;
// declared on the root as `wanted` when the document has none.
std::string writing_prefix(pugi::xml_document& doc, std::string_view ns,
                           const std::string& wanted) {
  auto b = bindings(doc, ns);
  if (!b.prefixes.empty()) return *b.prefixes.begin() + ":";
  if (b.is_default) return "";
  std::string prefix = wanted;
  auto root = doc.document_element();
  while (root.attribute(("xmlns:" + prefix).c_str())) prefix += "x";
  root.append_attribute(("xmlns:" + prefix).c_str()) = std::string(ns).c_str();
  return prefix + ":";
}

bool in_fremdrift_ns(std::string_view attribute, const std::set<std::string>& prefixes) {
  auto prefix = prefix_of(attribute);
  return !prefix.empty() && prefixes.count(std::string(prefix)) > 0;
}

// Elements whose text names another element: a lane's flowNodeRef, a node's incoming and
// outgoing, an association's sourceRef …
bool is_reference_element(std::string_view local) {
  return local == "incoming" || local == "outgoing" ||
         (local.size() > 3 && local.substr(local.size() - 3) == "Ref");
}

std::string capitalised(std::string_view local) {
  std::string out(local);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

class IdRenamer {
 public:
  explicit IdRenamer(std::set<std::string> fremdrift) : fremdrift_(std::move(fremdrift)) {}

  void collect(pugi::xml_node node) {
    if (auto id = node.attribute("id"); id && !renamed_.count(id.value()))
      renamed_[id.value()] = capitalised(local_name(node.name())) + "_" + std::to_string(++n_);
    for (auto child : node.children())
      if (child.type() == pugi::node_element) collect(child);
  }

  void rewrite(pugi::xml_node node) {
    for (auto a : node.attributes()) {
      std::string_view name = a.name();
      if (name == "name" || name.rfind("xmlns", 0) == 0 || in_fremdrift_ns(name, fremdrift_))
        continue;
      if (auto found = renamed_.find(a.value()); found != renamed_.end())
        a.set_value(found->second.c_str());
    }
    if (is_reference_element(local_name(node.name()))) {
      auto text = node.first_child();
      if (text && text.type() == pugi::node_pcdata) {
        std::string value = trimmed(text.value());
        if (auto found = renamed_.find(value); found != renamed_.end())
          text.set_value(found->second.c_str());
      }
    }
    for (auto child : node.children())
      if (child.type() == pugi::node_element) rewrite(child);
  }

 private:
  static std::string trimmed(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
  }

  std::set<std::string> fremdrift_;
  std::unordered_map<std::string, std::string> renamed_;
  int n_ = 0;
};

// Lanes lose the publisher's unit; mapped ones take the adopter's unit and its name.
void map_lanes(pugi::xml_node node, const std::map<std::string, UnitChoice>& lanes,
               const std::set<std::string>& fremdrift, const std::string& write_prefix) {
  if (local_name(node.name()) == "lane") {
    std::vector<pugi::xml_attribute> units;
    bool citizen = false;
    for (auto a : node.attributes()) {
      if (!in_fremdrift_ns(a.name(), fremdrift)) continue;
      if (local_name(a.name()) == "unitId") units.push_back(a);
      if (local_name(a.name()) == "laneKind" && std::string_view(a.value()) == "citizen")
        citizen = true;
    }
    for (auto a : units) node.remove_attribute(a);
    auto mapped = lanes.find(node.attribute("name").value());
    if (!citizen && mapped != lanes.end()) {
      node.attribute("name").set_value(mapped->second.name.c_str());
      node.append_attribute((write_prefix + "unitId").c_str()) = mapped->second.id.c_str();
    }
  }
  for (auto child : node.children())
    if (child.type() == pugi::node_element) map_lanes(child, lanes, fremdrift, write_prefix);
}

pugi::xml_node first_of(pugi::xml_node node, std::string_view local) {
  if (local_name(node.name()) == local) return node;
  for (auto child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (auto found = first_of(child, local)) return found;
  }
  return {};
}

// The lowest and leftmost edge of the diagram's shapes, to draw the notes beneath.
std::pair<int, int> diagram_corner(pugi::xml_node plane) {
  int left = 0;
  int bottom = 0;
  bool any = false;
  for (auto shape : plane.children()) {
    auto bounds = first_of(shape, "Bounds");
    if (!bounds) continue;
    int x = bounds.attribute("x").as_int();
    int y = bounds.attribute("y").as_int() + bounds.attribute("height").as_int();
    left = any ? std::min(left, x) : x;
    bottom = any ? std::max(bottom, y) : y;
    any = true;
  }
  return {left, bottom};
}

std::string note_text(const Task& t) {
  std::string out = t.task;
  for (const auto* line : {&t.effect, &t.how})
    if (!line->empty()) out += "\n" + *line;
  return out;
}

void add_task_notes(pugi::xml_document& doc, const std::vector<Task>& tasks,
                    const std::string& fremdrift_prefix) {
  auto root = doc.document_element();
  auto process = first_of(root, "process");
  if (tasks.empty() || !process) return;
  const std::string bpmn = std::string(prefix_of(process.name()));
  const std::string p = bpmn.empty() ? "" : bpmn + ":";
  auto plane = first_of(root, "BPMNPlane");
  auto [left, bottom] = diagram_corner(plane);
  std::string dc;
  if (plane) dc = writing_prefix(doc, maps::kDcNs, "dc");
  const std::string di_prefix = plane ? std::string(prefix_of(plane.name())) : "";
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const std::string id = "BankTask_" + std::to_string(i + 1);
    auto note = process.append_child((p + "textAnnotation").c_str());
    note.append_attribute("id") = id.c_str();
    note.append_attribute((fremdrift_prefix + "beforeGoLive").c_str()) = tasks[i].task.c_str();
    note.append_child((p + "text").c_str()).text().set(note_text(tasks[i]).c_str());
    if (!plane) continue;
    auto shape = plane.append_child(
        ((di_prefix.empty() ? "" : di_prefix + ":") + std::string("BPMNShape")).c_str());
    shape.append_attribute("id") = (id + "_di").c_str();
    shape.append_attribute("bpmnElement") = id.c_str();
    auto bounds = shape.append_child((dc + "Bounds").c_str());
    bounds.append_attribute("x") = left + static_cast<int>(i) * kNoteStride;
    bounds.append_attribute("y") = bottom + kNoteGap;
    bounds.append_attribute("width") = kNoteWidth;
    bounds.append_attribute("height") = kNoteHeight;
  }
}

bool listed(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

std::vector<std::string> mappable_lanes(const Entry& entry) {
  std::vector<std::string> out;
  for (const auto& l : entry.lanes)
    if (!l.citizen && !l.name.empty() && !listed(out, l.name)) out.push_back(l.name);
  return out;
}

StartRequest parse_start(core::Input& input, const Entry& entry,
                         const std::vector<UnitChoice>& my_units) {
  StartRequest r;
  auto title = input.optional_text("title");
  r.title = title && !title->empty() ? *title : core::utf8_prefix(entry.title, core::kNameMax);
  r.map_as = input.optional_choice("map_as", kMapAs).value_or("as_is");
  r.consent = input.optional_bool("consent").value_or(false);
  if (!input.has("lanes") || input.is_null("lanes")) return r;
  const auto& lanes = input.raw()["lanes"];
  if (!lanes.is_object()) {
    input.fail("lanes", "must be an object of lane name to unit id");
    return r;
  }
  const auto names = mappable_lanes(entry);
  for (const auto& [lane, unit] : lanes.items()) {
    const std::string field = "lanes." + lane;
    if (!listed(names, lane)) {
      input.fail(field, core::Message{"bank_start_err_lane"});
      continue;
    }
    const std::string unit_id = unit.is_string() ? unit.get<std::string>() : std::string();
    if (unit.is_null() || (unit.is_string() && unit_id.empty())) continue;
    auto mine = std::find_if(my_units.begin(), my_units.end(),
                             [&](const UnitChoice& u) { return u.id == unit_id; });
    if (mine == my_units.end()) {
      input.fail(field, core::Message{"bank_start_err_unit"});
      continue;
    }
    r.lanes[lane] = *mine;
  }
  return r;
}

std::string method_for(const Entry& entry) {
  return projects::find_template(entry.method) != nullptr ? entry.method
                                                          : std::string(kFallbackMethod);
}

std::string adopt_map_xml(std::string_view xml, const std::map<std::string, UnitChoice>& lanes,
                          const std::vector<Task>& tasks) {
  pugi::xml_document doc;
  // No DOCTYPE processing: the snapshot's maps passed maps::scan_xml when they were saved.
  auto loaded = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default & ~pugi::parse_doctype);
  if (!loaded || !doc.document_element())
    throw core::ValidationError("bpmn", "the entry's map cannot be read");
  const auto fremdrift = bindings(doc, maps::kFremdriftNs).prefixes;
  IdRenamer renamer(fremdrift);
  renamer.collect(doc.document_element());
  renamer.rewrite(doc.document_element());
  const std::string write_prefix = writing_prefix(doc, maps::kFremdriftNs, "fremdrift");
  map_lanes(doc.document_element(), lanes, bindings(doc, maps::kFremdriftNs).prefixes,
            write_prefix);
  add_task_notes(doc, tasks, write_prefix);
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

json kpi_input(const KpiFigure& kpi, const std::string& today) {
  json in = {{"name", core::utf8_prefix(kpi.name, kKpiNameMax)},
             {"definition", core::utf8_prefix(kpi.definition, kKpiDefinitionMax)},
             {"unit", core::utf8_prefix(kpi.unit, kKpiUnitMax)}};
  if (listed(kpis::kDirections, kpi.direction)) in["direction"] = kpi.direction;
  if (listed(kpis::kCategories, kpi.category)) in["category"] = kpi.category;
  if (listed(kpis::kFrequencies, kpi.frequency)) in["frequency"] = kpi.frequency;
  if (kpi.frequency == "biweekly") in["start_period"] = today;
  return in;
}

}  // namespace bank
