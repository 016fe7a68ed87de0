#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kpis/run_chart.hpp"

namespace adoption {

// trial → adopted ("this is how we work here now") | keep_developing | cancelled.
inline const std::vector<std::string> kStatuses = {"trial", "adopted", "keep_developing",
                                                   "cancelled"};

// Which changes a decision may make (docs/adoption.md): from trial to any other
// status; keep_developing back to trial or on to adopted or cancelled; an adopted
// step may only be reopened (keep_developing); a cancelled step may be tried again
// (trial). Staying put is no change.
bool transition_allowed(const std::string& from, const std::string& to);
std::vector<std::string> next_statuses(const std::string& from);

// A step of the redesign as the newest redesign map has it.
struct MapStep {
  std::string element_id;
  std::string name;
};

// A step's adoption state as stored. A step without a row is on trial at version 1;
// its first decision stores it at version 2, so every version a client can send is
// positive (If-Match).
struct StoredStep {
  std::string element_id;
  std::string map_id;
  std::string step_name;
  std::string status = "trial";
  std::string decision_id;
  std::string decision_text;
  std::string decided_on;
  long long version = 0;
  std::string updated_at;
};

struct Step {
  std::string element_id;
  std::string name;
  std::string status = "trial";
  bool on_map = true;  // false: the step is no longer on the newest redesign map
  std::optional<std::string> decision_id, decision_text, decided_on;
  long long version = 1;
};

// The map's steps in map order with their stored state, then the stored steps that
// are no longer on the map. A step's name comes from the map when it is on it.
std::vector<Step> merge(const std::vector<MapStep>& map_steps,
                        const std::vector<StoredStep>& stored);

struct Share {
  int adopted = 0;
  int total = 0;    // steps on the map
  int percent = 0;  // adopted of total, rounded down; 0 when there are no steps
};
// Only steps on the map count: a vanished step is neither adopted nor outstanding.
Share share_adopted(const std::vector<Step>& steps);

nlohmann::json to_json(const Step& s);

// KPI before and after. "Before" is the baseline period's median: the first chart
// period when the chart is split (for a period frozen on its own first points, the
// median of those), or the one period when it is frozen on its first points; without
// a baseline period the KPI's stated baseline stands in. "After" is the median of the
// last period's own points (even when the period is frozen on an earlier median; in a
// period that is its own baseline, the points after the baseline weeks). Whether the
// target is reached is the wins rule (wins::target_reached) applied to "after".
struct BeforeAfter {
  std::optional<double> baseline_median;
  bool baseline_from_period = false;  // false: the KPI's stated baseline (or none)
  std::string baseline_label;
  std::optional<double> last_median;
  std::string last_label;  // the last period's label; empty when it also holds the baseline
  // The periods (kpis ordinals) "after" spans; the caller formats them by the KPI's frequency.
  std::optional<long> after_from, after_to;
  std::optional<double> target;
  bool reached = false;
};
BeforeAfter before_after(const std::vector<kpis::ChartPoint>& points,
                         const kpis::ChartResult& chart, const std::string& direction,
                         std::optional<double> baseline, std::optional<double> target);

}  // namespace adoption
