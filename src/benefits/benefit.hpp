#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kit/fields.hpp"
#include "kpis/kpi.hpp"

namespace benefits {

// Seed 001's triple bottom line: the KPIs' categories.
using kpis::kCategories;
// How the Revisit phase judged a benefit; "not_judged" until a decision did.
inline const std::vector<std::string> kRealisations = {"not_judged", "realised", "partly",
                                                       "not_realised"};
inline const std::vector<std::string> kJudgements = {"realised", "partly", "not_realised"};
inline constexpr std::size_t kTitleMax = 300;
inline constexpr std::size_t kChainItemMax = 200;
inline constexpr std::size_t kChainItemsMax = 12;
inline constexpr std::size_t kKpisMax = 20;

// One benefit of a project (gevinst): what it is, who owns it, how it is measured, what
// leads to it, and how it was judged.
struct Benefit {
  std::string id;
  std::string project_id;
  std::string title;
  std::string category = "citizen_quality";
  std::optional<std::string> owner_id;        // gevinstejer
  std::optional<std::string> responsible_id;  // gevinstansvarlig
  std::optional<std::string> leader_id;       // gevinstleder
  std::optional<double> baseline;
  std::optional<double> target;
  std::string unit;
  std::string target_date;                // YYYY-MM-DD or "" when none was set
  std::vector<std::string> deliverables;  // ydelser
  std::vector<std::string> changes;       // forandringer
  std::vector<std::string> kpi_ids;       // KPIs of the same project that measure it
  std::string realisation = "not_judged";
  std::optional<std::string> judgement_reason;
  std::optional<std::string> decision_id;
  std::optional<std::string> judged_on;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  // Read with the benefit, not stored (BenefitReader): its status in the plan and its
  // linked KPIs with their run-chart status.
  std::string status;
  nlohmann::json kpis = nlohmann::json::array();
};

// The benefit's fields, named once (kit/fields.hpp). The judgement is output only: it
// changes through the judge action, with a decision.
const kit::Fields<Benefit>& benefit_fields();
inline nlohmann::json to_json(const Benefit& b) { return benefit_fields().to_json(b); }

// A linked KPI's run chart as the benefit reads it: the effect of its newest signal with a
// side ("better", "worse"; "neutral" when no signal has one), "no_signal", or "no_data"
// before any measurement. `effects_by_end`: the signals' effects, the newest last.
std::string kpi_chart_status(bool has_points, const std::vector<std::string>& effects_by_end);

// The benefit's status in the realisation plan, from its judgement, its KPIs' chart
// statuses and its target date: realised / partly_realised / not_realised once judged;
// otherwise at_risk (a KPI worsens, or the target date passed unjudged), on_track (a KPI
// improves), not_measured (no KPI linked) or awaiting (no signal yet).
std::string benefit_status(const Benefit& b, const std::vector<std::string>& kpi_statuses,
                           const std::string& today);
// Whether the status counts as "on track" for the overview: on track or realised.
bool counts_as_on_track(const std::string& status);

// The gevinstdiagram: deliverables → changes → benefits → the project's purpose, each
// deliverable and change once however many benefits share it.
struct DiagramBenefit {
  std::string id;
  std::string title;
  std::string status;
  std::vector<std::string> deliverables;
  std::vector<std::string> changes;
};
struct DiagramNode {
  int column = 0;  // 0 deliverables, 1 changes, 2 benefits, 3 purpose
  int row = 0;     // place within its column, from the top
  std::string text;
  std::string benefit_id;  // benefits only
  std::string status;      // benefits only
};
struct DiagramEdge {
  std::size_t from = 0, to = 0;  // node indexes
};
struct Diagram {
  std::vector<DiagramNode> nodes;
  std::vector<DiagramEdge> edges;
  int rows = 0;  // the tallest column
};
inline constexpr int kDiagramColumns = 4;
// A deliverable leads to each change of the same benefit (to the benefit itself when it
// names no change); each change leads to its benefit and each benefit to the purpose.
Diagram layout_diagram(const std::vector<DiagramBenefit>& benefits, const std::string& purpose);

// `text` in lines of at most `width` characters (UTF-8 code points), broken at spaces; a
// text that needs more than `max_lines` ends its last line with "…".
std::vector<std::string> wrap_text(const std::string& text, std::size_t width,
                                   std::size_t max_lines);

}  // namespace benefits
