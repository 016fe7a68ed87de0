// libFuzzer target for the BPMN importer and the map metrics: the input is the bytes
// of an uploaded .bpmn file, parsed, validated and measured as the server will.
//
// Expected rejections are core::ValidationError on the field "bpmn" and
// core::PayloadTooLarge; their messages must serialise as strict JSON. A map that is
// accepted must keep its text unchanged (or mended and stable), merge with itself into
// the same map, and its metrics must hold together (the `expect` calls). Any other exception, a
// crash, undefined behaviour, a leak, a hang or a broken invariant is a bug.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "maps/bpmn_document.hpp"
#include "maps/bpmn_merge.hpp"
#include "maps/metrics.hpp"

namespace {

void expect(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "bpmn_fuzz: invariant broken: %s\n", what);
  std::abort();
}

bool serialises(const nlohmann::json& j) {
  try {
    (void)j.dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

void check_model(const maps::BpmnDocument& doc) {
  expect(doc.model_element_count() <= maps::kMaxModelElements, "too many model elements");
  expect(doc.xml_element_count() <= maps::kMaxXmlElements, "too many XML elements");
  expect(doc.model_element_count() <= doc.xml_element_count(), "model count above XML count");
  std::set<std::string> processes(doc.process_ids().begin(), doc.process_ids().end());
  for (const auto& n : doc.nodes()) {
    expect(doc.find_node(n.id) == &n, "node index");
    expect(processes.count(n.process_id) == 1, "a node outside every process");
    expect(n.parent_id == n.process_id || doc.find_node(n.parent_id) != nullptr,
           "a node whose parent is neither its process nor a node");
    expect(n.lane_id.empty() || doc.find_lane(n.lane_id) != nullptr, "a node in an unknown lane");
    expect(n.duration_minutes >= 0 && n.duration_minutes <= maps::kMaxMinutes, "duration range");
    expect(n.waiting_minutes >= 0 && n.waiting_minutes <= maps::kMaxMinutes, "waiting range");
  }
  for (const auto& f : doc.sequence_flows()) {
    expect(doc.find_node(f.source) != nullptr && doc.find_node(f.target) != nullptr,
           "a sequence flow with a loose end");
  }
  for (const auto& l : doc.lanes()) {
    expect(l.parent_lane_id.empty() || doc.find_lane(l.parent_lane_id) != nullptr,
           "a lane inside an unknown lane");
  }
}

void check_metrics(const maps::BpmnDocument& doc, const maps::MapMetrics& m) {
  std::int64_t by_type = 0;
  for (const auto& [type, count] : m.steps_by_type) by_type += count;
  expect(by_type == m.steps, "steps by type do not add up");
  expect(m.steps <= static_cast<std::int64_t>(doc.nodes().size()), "more steps than nodes");
  expect(m.handovers == m.sequence_flow_handovers + m.message_flow_handovers, "handover sum");
  expect(m.sequence_flow_handovers <= static_cast<std::int64_t>(doc.sequence_flows().size()),
         "more handovers than sequence flows");
  expect(m.message_flow_handovers <= static_cast<std::int64_t>(doc.message_flows().size()),
         "more handovers than message flows");
  expect(static_cast<std::int64_t>(m.it_systems.size()) <= m.it_system_touches,
         "more IT systems than touches");
  expect(m.it_system_touches <= m.steps, "more IT touches than steps");
  expect(m.citizen_contacts <= m.steps + 2 * static_cast<std::int64_t>(doc.message_flows().size()),
         "citizen contacts out of range");
  expect(m.decision_points <= static_cast<std::int64_t>(doc.nodes().size()), "decision points");
  if (m.lead_time_minutes) {
    // A path visits each node once at most.
    expect(
        *m.lead_time_minutes >= 0 && *m.lead_time_minutes <= m.duration_minutes + m.waiting_minutes,
        "lead time above the sum of all minutes");
    expect(!m.critical_path.empty(), "a lead time without a path");
  } else {
    expect(m.critical_path.empty(), "a path without a lead time");
  }
  for (const auto& id : m.critical_path) expect(doc.find_node(id) != nullptr, "path: unknown id");
  expect(m.loops.size() <= maps::kMaxReportedLoops, "too many loops listed");
  expect(static_cast<std::int64_t>(m.loops.size()) <= m.loop_count, "loop count");
  for (const auto& loop : m.loops) {
    expect(!loop.empty(), "an empty loop");
    for (const auto& id : loop) expect(doc.find_node(id) != nullptr, "loop: unknown id");
  }
  expect(serialises(maps::to_json(m)), "metrics do not serialise");
  auto rows = maps::compare(m, m);
  for (const auto& r : rows) {
    expect(r.before == r.after, "compare(m, m): before differs from after");
    expect(!r.change || *r.change == 0, "compare(m, m): a change");
  }
  expect(serialises(maps::to_json(rows)), "comparison does not serialise");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string xml(reinterpret_cast<const char*>(data), size);
  std::optional<maps::BpmnDocument> doc;
  try {
    doc.emplace(maps::BpmnDocument::parse(xml));
  } catch (const core::ValidationError& e) {
    expect(e.fields().size() == 1 && e.fields().count("bpmn") == 1, "refused on another field");
    expect(serialises(nlohmann::json(e.what())), "the refusal does not serialise");
    return 0;
  } catch (const core::PayloadTooLarge&) {
    expect(size > maps::kMaxBytes, "refused as too large below the limit");
    return 0;
  }
  // The text is kept as it came, unless the reading mended it (Latin-1 converted to
  // UTF-8, shapes of missing elements left out): then the mended text is stable.
  if (doc->xml() != xml) {
    expect(doc->xml().find("UTF-8") != std::string::npos || !doc->warnings().empty(),
           "the stored text differs from the input without a conversion or a warning");
    auto mended = maps::BpmnDocument::parse(doc->xml());
    expect(mended.xml() == doc->xml() && mended.warnings().empty(), "the mended text changes");
  }
  // An unchanged save from the editor merged onto the stored text reads as the same map.
  auto merged = maps::BpmnDocument::parse(maps::merge_edit(doc->xml(), doc->xml()));
  expect(merged.nodes().size() == doc->nodes().size(), "a merge with itself changes the steps");
  check_model(*doc);
  auto metrics = maps::compute_metrics(*doc);
  check_metrics(*doc, metrics);

  bool names_units = false;
  for (const auto& l : doc->lanes()) names_units = names_units || !l.unit_id.empty();
  try {
    maps::check_lane_units(*doc, {});
    expect(!names_units, "a lane with a unit passed an empty unit list");
  } catch (const core::ValidationError& e) {
    expect(names_units, "a map without units failed the unit check");
    expect(serialises(nlohmann::json(e.what())), "the unit refusal does not serialise");
  }
  // Reading the stored text again gives the same figures.
  auto again = maps::compute_metrics(maps::BpmnDocument::parse(doc->xml()));
  expect(maps::to_json(again) == maps::to_json(metrics), "metrics differ on a second read");
  return 0;
}
