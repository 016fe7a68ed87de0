#include "maps/metrics.hpp"

#include <cmath>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "maps/flow_graph.hpp"

namespace maps {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Everything the individual metrics share, worked out once.
struct MapView {
  explicit MapView(const BpmnDocument& doc) : doc(doc), nodes(doc.nodes()) {
    const std::size_t n = nodes.size();
    parent.assign(n, kNone);
    has_activity_child.assign(n, false);
    in_degree.assign(n, 0);
    out_degree.assign(n, 0);
    only_target.assign(n, kNone);
    for (std::size_t i = 0; i < n; ++i) {
      children[nodes[i].parent_id].push_back(i);
      if (const auto* p = doc.find_node(nodes[i].parent_id)) {
        parent[i] = index(p);
        if (is_activity(nodes[i].kind)) has_activity_child[parent[i]] = true;
      }
    }
    for (const auto& f : doc.sequence_flows()) {
      auto s = index(doc.find_node(f.source));
      auto t = index(doc.find_node(f.target));
      ++out_degree[s];
      ++in_degree[t];
      only_target[s] = t;
    }
    lane_keys();
  }

  std::size_t index(const FlowNode* node) const {
    return static_cast<std::size_t>(node - nodes.data());
  }

  // A sub-process with activities inside is a frame: its activities are the steps.
  bool is_step(std::size_t i) const {
    const auto& kind = nodes[i].kind;
    return is_activity(kind) && !(is_sub_process(kind) && has_activity_child[i]);
  }

  StepType step_type(std::size_t i) const {
    if (nodes[i].step_type) return *nodes[i].step_type;
    return nodes[i].kind == "serviceTask" ? StepType::kItSystem : StepType::kTask;
  }

  // Who holds a node: the first lane, from the node's own outwards, that is a citizen
  // lane or names a unit; else the innermost lane itself. Nodes inside a sub-process
  // belong where the sub-process does. Empty when no lane holds it.
  void lane_keys() {
    std::vector<std::string> of_lane(doc.lanes().size());
    for (std::size_t l = 0; l < doc.lanes().size(); ++l) {
      for (const Lane* lane = &doc.lanes()[l]; lane != nullptr;
           lane = doc.find_lane(lane->parent_lane_id)) {
        if (lane->citizen) {
          of_lane[l] = "citizen";
          break;
        }
        if (!lane->unit_id.empty()) {
          of_lane[l] = "unit:" + lane->unit_id;
          break;
        }
      }
      if (of_lane[l].empty()) of_lane[l] = "lane:" + doc.lanes()[l].id;
    }
    holder.assign(nodes.size(), {});
    // Document order puts a sub-process before what it holds.
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (const auto* lane = doc.find_lane(nodes[i].lane_id)) {
        holder[i] = of_lane[static_cast<std::size_t>(lane - doc.lanes().data())];
      } else if (parent[i] != kNone) {
        holder[i] = holder[parent[i]];
      }
    }
  }

  const BpmnDocument& doc;
  const std::vector<FlowNode>& nodes;
  std::vector<std::size_t> parent;  // enclosing sub-process, or kNone
  std::vector<bool> has_activity_child;
  std::vector<std::size_t> in_degree, out_degree;  // sequence flows only
  std::vector<std::size_t> only_target;            // the target of a node's last outgoing flow
  std::vector<std::string> holder;
  std::unordered_map<std::string_view, std::vector<std::size_t>> children;  // by parent id
};

void count_steps(const MapView& v, MapMetrics& m) {
  for (auto name : kStepTypeNames) m.steps_by_type[std::string(name)] = 0;
  std::set<std::string> citizen_pools;
  for (const auto& p : v.doc.participants()) {
    if (p.citizen && !p.process_id.empty()) citizen_pools.insert(p.process_id);
  }
  std::set<std::string> systems;
  for (std::size_t i = 0; i < v.nodes.size(); ++i) {
    const auto& node = v.nodes[i];
    m.duration_minutes += node.duration_minutes;
    m.waiting_minutes += node.waiting_minutes;
    if (!v.is_step(i)) continue;
    ++m.steps;
    if (node.duration_minutes == 0 && node.waiting_minutes == 0) ++m.steps_without_time;
    auto type = v.step_type(i);
    ++m.steps_by_type[std::string(to_string(type))];
    if (type == StepType::kItSystem || !node.it_system.empty()) ++m.it_system_touches;
    if (!node.it_system.empty()) systems.insert(node.it_system);
    if (type == StepType::kCitizen || v.holder[i] == "citizen" ||
        citizen_pools.count(node.process_id) != 0) {
      ++m.citizen_contacts;
    }
  }
  m.it_systems.assign(systems.begin(), systems.end());
}

void count_decisions(const MapView& v, MapMetrics& m) {
  auto splits = [&](std::size_t i) {
    return is_deciding_gateway(v.nodes[i].kind) && v.out_degree[i] > 1;
  };
  for (std::size_t i = 0; i < v.nodes.size(); ++i) {
    if (splits(i)) {
      ++m.decision_points;
    } else if (!is_gateway(v.nodes[i].kind) && v.nodes[i].step_type == StepType::kDecision) {
      // A step typed "decision" whose only way on is a splitting gateway is the same
      // decision drawn twice.
      bool drawn_twice = v.out_degree[i] == 1 && splits(v.only_target[i]);
      if (!drawn_twice) ++m.decision_points;
    }
  }
}

void count_handovers(const MapView& v, MapMetrics& m) {
  for (const auto& f : v.doc.sequence_flows()) {
    const auto& from = v.holder[v.index(v.doc.find_node(f.source))];
    const auto& to = v.holder[v.index(v.doc.find_node(f.target))];
    if (!from.empty() && !to.empty() && from != to) ++m.sequence_flow_handovers;
  }
  std::unordered_map<std::string_view, std::string_view> pool_of_process;
  for (const auto& p : v.doc.participants()) {
    if (!p.process_id.empty()) pool_of_process.emplace(p.process_id, p.id);
  }
  auto pool = [&](const std::string& id) -> std::string_view {
    if (v.doc.find_participant(id) != nullptr) return id;
    if (const auto* node = v.doc.find_node(id)) {
      auto it = pool_of_process.find(node->process_id);
      if (it != pool_of_process.end()) return it->second;
    }
    return {};
  };
  for (const auto& f : v.doc.message_flows()) {
    auto from = pool(f.source);
    auto to = pool(f.target);
    if (!from.empty() && !to.empty() && from != to) ++m.message_flow_handovers;
    // A message to or from a black-box citizen pool is a contact no step shows.
    for (const auto* end : {&f.source, &f.target}) {
      const auto* p = v.doc.find_participant(*end);
      const auto& other = end == &f.source ? f.target : f.source;
      if (p != nullptr && p->citizen && pool(other) != p->id) ++m.citizen_contacts;
    }
  }
  m.handovers = m.sequence_flow_handovers + m.message_flow_handovers;
}

// Sub-processes become two vertices, entry (the node itself, carrying its own minutes)
// and exit, with their inside between them; the longest path therefore runs through
// the longest way across each sub-process it passes.
void lead_time(const MapView& v, MapMetrics& m) {
  const auto& nodes = v.nodes;
  std::vector<std::int64_t> weights;
  weights.reserve(nodes.size());
  for (const auto& node : nodes) weights.push_back(node.duration_minutes + node.waiting_minutes);
  FlowGraph graph(std::move(weights));
  std::vector<std::size_t> exit(nodes.size(), kNone);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (is_sub_process(nodes[i].kind)) exit[i] = graph.add_vertex(0);
  }
  auto out = [&](std::size_t i) { return exit[i] == kNone ? i : exit[i]; };
  for (const auto& f : v.doc.sequence_flows()) {
    graph.add_edge(out(v.index(v.doc.find_node(f.source))), v.index(v.doc.find_node(f.target)));
  }
  for (const auto& f : v.doc.message_flows()) {
    const auto* s = v.doc.find_node(f.source);
    const auto* t = v.doc.find_node(f.target);
    if (s != nullptr && t != nullptr) graph.add_edge(out(v.index(s)), v.index(t));
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (const auto* host = v.doc.find_node(nodes[i].attached_to)) graph.add_edge(v.index(host), i);
  }
  // Where a container (process or sub-process) starts and ends: its start and end
  // events, or, when it has none, the nodes no sequence flow enters or leaves.
  auto starts_in = [&](const std::string& container) {
    std::vector<std::size_t> events, sources;
    auto it = v.children.find(container);
    if (it == v.children.end()) return events;
    for (auto i : it->second) {
      if (nodes[i].kind == "startEvent") events.push_back(i);
      if (v.in_degree[i] == 0 && nodes[i].kind != "boundaryEvent" && !nodes[i].triggered_by_event &&
          nodes[i].kind != "startEvent") {
        sources.push_back(i);
      }
    }
    return events.empty() ? sources : events;
  };
  auto ends_in = [&](const std::string& container) {
    std::vector<std::size_t> events, sinks;
    auto it = v.children.find(container);
    if (it == v.children.end()) return events;
    for (auto i : it->second) {
      if (nodes[i].kind == "endEvent") events.push_back(out(i));
      if (v.out_degree[i] == 0 && !nodes[i].triggered_by_event) sinks.push_back(out(i));
    }
    return events.empty() ? sinks : events;
  };
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (exit[i] == kNone) continue;
    graph.add_edge(i, exit[i]);  // an empty or endless inside still lets the path through
    for (auto s : starts_in(nodes[i].id)) graph.add_edge(i, s);
    for (auto e : ends_in(nodes[i].id)) graph.add_edge(e, exit[i]);
  }
  std::vector<std::size_t> starts, ends;
  for (const auto& process : v.doc.process_ids()) {
    for (auto s : starts_in(process)) starts.push_back(s);
    for (auto e : ends_in(process)) ends.push_back(e);
  }
  auto result = graph.longest_path(starts, ends, kMaxReportedLoops);
  // Exit vertices are not elements of the map; a path or loop names the sub-process once.
  auto ids = [&](const std::vector<std::size_t>& vertices) {
    std::vector<std::string> out_ids;
    for (auto x : vertices) {
      if (x < nodes.size()) out_ids.push_back(nodes[x].id);
    }
    return out_ids;
  };
  m.lead_time_minutes = result.length;
  m.critical_path = ids(result.path);
  for (const auto& cycle : result.cycles) m.loops.push_back(ids(cycle));
  m.loop_count = static_cast<std::int64_t>(result.back_edges);
}

}  // namespace

MapMetrics compute_metrics(const BpmnDocument& doc) {
  MapView view(doc);
  MapMetrics m;
  count_steps(view, m);
  count_decisions(view, m);
  count_handovers(view, m);
  lead_time(view, m);
  return m;
}

std::vector<ComparisonRow> compare(const MapMetrics& before, const MapMetrics& after) {
  using Value = std::optional<std::int64_t>;
  auto size = [](const MapMetrics& m) -> Value {
    return static_cast<std::int64_t>(m.it_systems.size());
  };
  const std::vector<std::tuple<std::string, Value, Value>> values = {
      {"steps", before.steps, after.steps},
      {"handovers", before.handovers, after.handovers},
      {"it_systems", size(before), size(after)},
      {"it_system_touches", before.it_system_touches, after.it_system_touches},
      {"citizen_contacts", before.citizen_contacts, after.citizen_contacts},
      {"decision_points", before.decision_points, after.decision_points},
      {"waiting_minutes", before.waiting_minutes, after.waiting_minutes},
      {"lead_time_minutes", before.lead_time_minutes, after.lead_time_minutes},
  };
  std::vector<ComparisonRow> rows;
  for (const auto& [metric, b, a] : values) {
    ComparisonRow row{metric, b, a, std::nullopt, std::nullopt};
    if (b && a) {
      row.change = *a - *b;
      if (*b != 0) {
        // Four decimals: a share, shown as a percentage with at most two.
        double r = static_cast<double>(*row.change) / static_cast<double>(*b);
        row.relative_change = std::round(r * 10000.0) / 10000.0;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {
template <typename T>
nlohmann::json or_null(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json to_json(const MapMetrics& m) {
  return {{"steps", m.steps},
          {"steps_by_type", m.steps_by_type},
          {"handovers", m.handovers},
          {"sequence_flow_handovers", m.sequence_flow_handovers},
          {"message_flow_handovers", m.message_flow_handovers},
          {"it_systems", m.it_systems.size()},
          {"it_system_names", m.it_systems},
          {"it_system_touches", m.it_system_touches},
          {"citizen_contacts", m.citizen_contacts},
          {"decision_points", m.decision_points},
          {"duration_minutes", m.duration_minutes},
          {"waiting_minutes", m.waiting_minutes},
          {"steps_without_time", m.steps_without_time},
          {"lead_time_minutes", or_null(m.lead_time_minutes)},
          {"critical_path", m.critical_path},
          {"loops", m.loops},
          {"loop_count", m.loop_count}};
}

nlohmann::json to_json(const std::vector<ComparisonRow>& rows) {
  auto out = nlohmann::json::array();
  for (const auto& r : rows) {
    out.push_back({{"metric", r.metric},
                   {"before", or_null(r.before)},
                   {"after", or_null(r.after)},
                   {"change", or_null(r.change)},
                   {"relative_change", or_null(r.relative_change)}});
  }
  return {{"rows", out}};
}

}  // namespace maps
