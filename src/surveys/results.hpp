#pragma once

// A closed round's results per scale and unit (issue 17): each unit's result over its whole
// subtree of the round's grouping, hidden where too few answered or where it could be
// computed from the others (suppressed_units). A hidden result carries no figures at all,
// not even how many it was computed over. Pure; no I/O.
#include <optional>
#include <string>
#include <vector>

#include "surveys/survey.hpp"

namespace surveys {

struct UnitResult {
  std::string unit_id;  // empty: everyone who answered (the whole round)
  std::string name;
  std::optional<std::string> parent_id;
  bool hidden = false;
  GroupIndex index;  // zero when hidden
};

struct ScaleResult {
  std::string scale_key;
  UnitResult total;
  std::vector<UnitResult> units;  // in the grouping's order
};

std::vector<ScaleResult> round_results(const std::vector<GroupingUnit>& grouping,
                                       const std::vector<ScaleSums>& sums, int min_n);

}  // namespace surveys
