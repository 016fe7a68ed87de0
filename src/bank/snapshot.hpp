#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bank/bank_entry.hpp"
#include "bank/scrub.hpp"

namespace bank {

// What a project holds that a bank entry copies, as read from its stores (project_source.hpp):
// still with the tenant's names and ids in it.
struct ProjectSource {
  std::string title;
  std::string method;
  std::optional<std::string> as_is_xml;
  std::optional<std::string> redesign_xml;
  std::vector<KpiFigure> kpis;
  std::vector<Task> tasks;
  std::vector<std::string> lessons;
  Sensitive sensitive;  // the tenant's people and ids
};

// The entry a publish would store: the maps' before/after figures and the redesign's lanes
// read from the BPMN, every text and map scrubbed of the tenant's people and ids.
Entry build_entry(const ProjectSource& source, const Classification& classification);

}  // namespace bank
