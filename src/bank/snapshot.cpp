#include "bank/snapshot.hpp"

#include "maps/bpmn_document.hpp"
#include "maps/metrics.hpp"

namespace bank {
namespace {

std::vector<Lane> lanes_of(const maps::BpmnDocument& doc, const Scrubber& scrub) {
  std::vector<Lane> out;
  for (const auto& l : doc.lanes()) out.push_back({l.id, scrub.text(l.name), l.citizen});
  return out;
}

}  // namespace

Entry build_entry(const ProjectSource& source, const Classification& c) {
  Scrubber scrub(source.sensitive);
  Entry e;
  e.title = scrub.text(source.title);
  e.summary = scrub.text(c.summary);
  e.method = source.method;
  e.service_area = c.service_area;
  e.kle = c.kle;
  for (const auto& t : c.tags) e.tags.push_back(scrub.text(t));
  e.licence = c.licence;
  e.contact_role = c.contact_role;
  e.language = c.language;
  std::optional<maps::MapMetrics> before, after;
  if (source.as_is_xml) {
    e.as_is_bpmn = scrub.bpmn(*source.as_is_xml);
    before = maps::compute_metrics(maps::BpmnDocument::parse(*source.as_is_xml));
  }
  if (source.redesign_xml) {
    e.redesign_bpmn = scrub.bpmn(*source.redesign_xml);
    after = maps::compute_metrics(maps::BpmnDocument::parse(*source.redesign_xml));
    // The lanes as the published map names them: its ids are renumbered.
    e.lanes = lanes_of(maps::BpmnDocument::parse(*e.redesign_bpmn), scrub);
  }
  if (before || after) {
    maps::MapMetrics none;
    for (const auto& row : maps::compare(before.value_or(none), after.value_or(none)))
      e.figures.push_back(
          {row.metric, before ? row.before : std::nullopt, after ? row.after : std::nullopt});
  }
  for (auto k : source.kpis) {
    k.name = scrub.text(k.name);
    k.definition = scrub.text(k.definition);
    k.unit = scrub.text(k.unit);
    e.kpis.push_back(std::move(k));
  }
  for (const auto& t : source.tasks)
    e.tasks.push_back({scrub.text(t.task), scrub.text(t.effect), scrub.text(t.how)});
  for (const auto& l : source.lessons) e.lessons.push_back(scrub.text(l));
  return e;
}

}  // namespace bank
