// bench_bpmn_metrics: times parsing and measuring a large generated workflow map.
// The map is what bpmn-js would write for a long brown-paper session: one pool, a
// lane per unit plus the citizen's, typed steps with minutes, exclusive gateways
// that skip ahead or loop back, parallel sections, incoming/outgoing references and
// a full diagram (a shape per node, an edge with waypoints per flow).
//
//   bench_bpmn_metrics [--steps 2000] [--runs 50] [--write map.bpmn]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "maps/bpmn_document.hpp"
#include "maps/metrics.hpp"

namespace {

constexpr int kUnits = 8;         // lanes besides the citizen's
constexpr int kStepsPerLane = 7;  // consecutive steps in one lane before a handover
constexpr const char* kTypes[] = {"task", "it_system", "document", "task", "waiting", "handover"};

struct Node {
  std::string id;
  std::string kind;
  std::string attrs;
  int lane = 0;
  int x = 0;
  std::vector<std::string> in, out;
};

struct Edge {
  std::string id;
  int from, to;
};

class MapWriter {
 public:
  explicit MapWriter(int steps) {
    int prev = add("s", "startEvent", "", 0);
    for (int i = 1; i <= steps; ++i) {
      const int lane = (i / kStepsPerLane) % (kUnits + 1);
      std::string attrs;
      if (lane == 0) {
        attrs = " fremdrift:stepType=\"citizen\"";
      } else {
        std::string type = kTypes[i % 6];
        attrs = " fremdrift:stepType=\"" + type + "\"";
        if (type == "it_system") attrs += fmt::format(" fremdrift:itSystem=\"System {}\"", i % 7);
      }
      attrs += fmt::format(" fremdrift:durationMinutes=\"{}\"", 5 + i % 55);
      if (i % 13 == 0) attrs += " fremdrift:waitingMinutes=\"1440\"";
      int step = add(fmt::format("Activity_{}", i), i % 10 == 0 ? "userTask" : "task", attrs, lane);
      connect(prev, step);
      prev = step;
      if (i % 20 == 0 && i + 10 <= steps) {
        // Decide: on to the next step, or skip ahead (the skip target comes later).
        int g = add(fmt::format("Gateway_{}", i), "exclusiveGateway", "", lane);
        connect(prev, g);
        skips_.push_back({g, i + 5});
        prev = g;
      }
      if (i % 100 == 50) {
        // Rework: back to a step ten earlier.
        int g = add(fmt::format("Rework_{}", i), "exclusiveGateway", "", lane);
        connect(prev, g);
        connect(g, step_index_[i - 10]);
        prev = g;
      }
    }
    int end = add("e", "endEvent", "", (steps / kStepsPerLane) % (kUnits + 1));
    connect(prev, end);
    for (const auto& [g, target] : skips_) connect(g, step_index_[target]);
  }

  std::string xml() const {
    std::string out;
    out.reserve(nodes_.size() * 700);
    out +=
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" "
        "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
        "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" "
        "xmlns:fremdrift=\"http://fremdrift.dk/schema/bpmn/1.0\" id=\"Definitions_1\" "
        "targetNamespace=\"http://bpmn.io/schema/bpmn\" exporter=\"bench_bpmn_metrics\">\n"
        "  <bpmn:collaboration id=\"Collaboration_1\">\n"
        "    <bpmn:participant id=\"Pool_1\" name=\"Forløb\" processRef=\"Process_1\" />\n"
        "  </bpmn:collaboration>\n"
        "  <bpmn:process id=\"Process_1\" isExecutable=\"false\">\n"
        "    <bpmn:laneSet id=\"LaneSet_1\">\n";
    for (int l = 0; l <= kUnits; ++l) {
      out +=
          l == 0
              ? "      <bpmn:lane id=\"Lane_0\" name=\"Borger\" fremdrift:laneKind=\"citizen\">\n"
              : fmt::format(
                    "      <bpmn:lane id=\"Lane_{0}\" name=\"Enhed {0}\" "
                    "fremdrift:unitId=\"unit-{0}\">\n",
                    l);
      for (const auto& n : nodes_) {
        if (n.lane == l) out += "        <bpmn:flowNodeRef>" + n.id + "</bpmn:flowNodeRef>\n";
      }
      out += "      </bpmn:lane>\n";
    }
    out += "    </bpmn:laneSet>\n";
    for (const auto& n : nodes_) {
      out += fmt::format("    <bpmn:{} id=\"{}\" name=\"{}\"{}>\n", n.kind, n.id, n.id, n.attrs);
      for (const auto& f : n.in) out += "      <bpmn:incoming>" + f + "</bpmn:incoming>\n";
      for (const auto& f : n.out) out += "      <bpmn:outgoing>" + f + "</bpmn:outgoing>\n";
      out += fmt::format("    </bpmn:{}>\n", n.kind);
    }
    for (const auto& e : edges_) {
      out += fmt::format("    <bpmn:sequenceFlow id=\"{}\" sourceRef=\"{}\" targetRef=\"{}\" />\n",
                         e.id, nodes_[e.from].id, nodes_[e.to].id);
    }
    out +=
        "  </bpmn:process>\n"
        "  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n"
        "    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"Collaboration_1\">\n";
    const int width = nodes_.back().x + 200;
    out += fmt::format(
        "      <bpmndi:BPMNShape id=\"Pool_1_di\" bpmnElement=\"Pool_1\" isHorizontal=\"true\">\n"
        "        <dc:Bounds x=\"100\" y=\"0\" width=\"{}\" height=\"{}\" />\n"
        "      </bpmndi:BPMNShape>\n",
        width, (kUnits + 1) * 150);
    for (int l = 0; l <= kUnits; ++l) {
      out += fmt::format(
          "      <bpmndi:BPMNShape id=\"Lane_{0}_di\" bpmnElement=\"Lane_{0}\" "
          "isHorizontal=\"true\">\n"
          "        <dc:Bounds x=\"130\" y=\"{1}\" width=\"{2}\" height=\"150\" />\n"
          "      </bpmndi:BPMNShape>\n",
          l, l * 150, width - 30);
    }
    for (const auto& n : nodes_) {
      out += fmt::format(
          "      <bpmndi:BPMNShape id=\"{0}_di\" bpmnElement=\"{0}\">\n"
          "        <dc:Bounds x=\"{1}\" y=\"{2}\" width=\"100\" height=\"80\" />\n"
          "        <bpmndi:BPMNLabel />\n"
          "      </bpmndi:BPMNShape>\n",
          n.id, n.x, n.lane * 150 + 35);
    }
    for (const auto& e : edges_) {
      const auto& a = nodes_[e.from];
      const auto& b = nodes_[e.to];
      out += fmt::format(
          "      <bpmndi:BPMNEdge id=\"{}_di\" bpmnElement=\"{}\">\n"
          "        <di:waypoint x=\"{}\" y=\"{}\" />\n"
          "        <di:waypoint x=\"{}\" y=\"{}\" />\n"
          "      </bpmndi:BPMNEdge>\n",
          e.id, e.id, a.x + 100, a.lane * 150 + 75, b.x, b.lane * 150 + 75);
    }
    out += "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n";
    return out;
  }

 private:
  int add(std::string id, std::string kind, std::string attrs, int lane) {
    Node n{std::move(id),
           std::move(kind),
           std::move(attrs),
           lane,
           200 + static_cast<int>(nodes_.size()) * 150,
           {},
           {}};
    if (n.id.rfind("Activity_", 0) == 0) step_index_.resize(std::stoul(n.id.substr(9)) + 1);
    nodes_.push_back(std::move(n));
    const int index = static_cast<int>(nodes_.size()) - 1;
    if (nodes_.back().id.rfind("Activity_", 0) == 0) step_index_.back() = index;
    return index;
  }
  void connect(int from, int to) {
    std::string id = fmt::format("Flow_{}", edges_.size() + 1);
    nodes_[from].out.push_back(id);
    nodes_[to].in.push_back(id);
    edges_.push_back({std::move(id), from, to});
  }

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<int> step_index_;
  std::vector<std::pair<int, int>> skips_;  // gateway, step number it may skip to
};

// Wall-clock and this thread's CPU time: on a machine shared with other work the wall
// clock includes time the thread waited for a core, the CPU time does not.
struct Timing {
  double median_ms, p95_ms, cpu_median_ms;
};

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

template <typename F>
Timing time_runs(int runs, F&& f) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    double cpu_start = thread_cpu_ms();
    f();
    cpu.push_back(thread_cpu_ms() - cpu_start);
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], wall[std::min(wall.size() - 1, wall.size() * 95 / 100)],
          cpu[cpu.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times BPMN parsing and map metrics on a generated map"};
  int steps = 2000;
  int runs = 50;
  std::string write;
  app.add_option("--steps", steps, "Steps in the generated map")->check(CLI::Range(10, 20000));
  app.add_option("--runs", runs, "Timed runs of each phase")->check(CLI::Range(1, 10000));
  app.add_option("--write", write, "Also write the generated map to this file");
  CLI11_PARSE(app, argc, argv);

  const std::string xml = MapWriter(steps).xml();
  if (!write.empty()) std::ofstream(write, std::ios::binary) << xml;
  auto doc = maps::BpmnDocument::parse(xml);
  auto m = maps::compute_metrics(doc);
  std::cout << fmt::format(
      "map: {} steps, {} flow nodes, {} sequence flows, {:.2f} MB, {} XML elements ({} in the "
      "process model)\n",
      m.steps, doc.nodes().size(), doc.sequence_flows().size(),
      static_cast<double>(xml.size()) / 1e6, doc.xml_element_count(), doc.model_element_count());
  std::cout << fmt::format(
      "metrics: {} handovers, {} IT systems, {} touches, {} citizen contacts, {} decision "
      "points, {} loops, lead time {} min\n",
      m.handovers, m.it_systems.size(), m.it_system_touches, m.citizen_contacts, m.decision_points,
      m.loop_count, m.lead_time_minutes.value_or(-1));

  std::size_t sink = 0;
  auto parse = time_runs(runs, [&] { sink += maps::BpmnDocument::parse(xml).nodes().size(); });
  auto metrics = time_runs(runs, [&] { sink += maps::compute_metrics(doc).critical_path.size(); });
  auto both = time_runs(runs, [&] {
    sink += maps::compute_metrics(maps::BpmnDocument::parse(xml)).critical_path.size();
  });
  for (const auto& [label, t] :
       {std::pair{"parse + validate", parse}, std::pair{"metrics", metrics},
        std::pair{"parse + metrics", both}}) {
    std::cout << fmt::format("{:<17} median {:6.2f} ms, p95 {:6.2f} ms, CPU median {:6.2f} ms\n",
                             label, t.median_ms, t.p95_ms, t.cpu_median_ms);
  }
  std::cout << fmt::format("({} runs each)\n", runs);
  return sink == 0 ? 1 : 0;
}
