#pragma once

// A programme's effect documentation (issue 18, point 5): across the projects attached to a
// programme, the before and after of each KPI on the triple bottom line, the benefits and how
// they were judged, the survey indices at baseline and in the latest closed round, and the
// same counted by cluster and by track. Pure: built from typed rows the store read in one
// query per relation (effect_store.hpp). What crosses tenants: docs/programmes.md.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "benefits/benefit.hpp"
#include "kpis/kpi.hpp"
#include "kpis/kpi_store.hpp"
#include "kpis/run_chart.hpp"
#include "programmes/programme.hpp"
#include "surveys/significance.hpp"
#include "surveys/survey.hpp"

namespace programmes::effects {

// Medians closer than this share of the before value count as unchanged (D41): a funder
// reads "improved" as a change, not as the noise of a run chart's median.
inline constexpr double kUnchangedWithin = 0.05;

inline const std::vector<std::string> kOutcomes = {"improved", "unchanged", "worse",
                                                   "not_measured"};

// A KPI's before and after. Before: the baseline the project set on the KPI; without one the
// median of the run chart's baseline period (the first split frozen with an end, else the
// first of two or more periods). After: the median of the latest period's own points (after
// the freeze when the baseline period is also the latest). Periods are the KPI's ordinals.
struct BeforeAfter {
  std::optional<double> before;
  std::string before_source;  // "kpi_baseline", "chart_baseline" or "" (none)
  std::optional<long> before_from, before_to;
  std::optional<double> after;
  std::optional<long> after_from, after_to;
  std::size_t after_points = 0;
};
BeforeAfter before_after(const kpis::Kpi& kpi, const std::vector<kpis::ChartPoint>& points,
                         const kpis::ChartResult& chart);

// improved / unchanged / worse for a KPI whose `direction` is "higher" or "lower" is
// better; not_measured without both values.
std::string outcome(const std::string& direction, std::optional<double> before,
                    std::optional<double> after);

// The first and last day ("YYYY-MM-DD") of a KPI's period ordinal.
std::pair<std::string, std::string> period_days(kpis::Frequency f, long ordinal);

// What the store reads, each row of an attached project (tenant_id is the project's).
struct KpiRow {
  std::string tenant_id;
  kpis::Kpi kpi;
  std::vector<kpis::ChartPoint> points;  // by period
  std::vector<kpis::StoredPeriod> periods;
};
struct BenefitRow {
  std::string tenant_id;
  benefits::Benefit benefit;  // title, category, kpi_ids, realisation, judged_on, target_date
};
struct SurveyRound {
  std::string id;
  long long number = 0;
  std::string label;
  std::string closes_on;
  std::vector<surveys::GroupingUnit> grouping;
  std::vector<surveys::ScaleSums> sums;
};
struct SurveyRow {
  std::string tenant_id;
  std::string project_id;
  std::string id;
  std::string title;
  nlohmann::json scales = nlohmann::json::array();  // the questionnaire's [{key, name}]
  int min_n = surveys::kDefaultMinGroup;            // the survey's and its tenant's, the larger
  std::vector<SurveyRound> rounds;                  // closed: the baseline and the latest
};
struct Rows {
  std::vector<KpiRow> kpis;
  std::vector<BenefitRow> benefits;
  std::vector<SurveyRow> surveys;
};

// The project a line belongs to, as the programme shows it.
struct ProjectRef {
  std::string id;
  std::string tenant_id;
  std::string title;
  std::string municipality;
};

struct KpiEffect {
  ProjectRef project;
  kpis::Kpi kpi;
  BeforeAfter values;
  std::string outcome;
  std::string signal;  // the chart's newest signal: better, worse, neutral, no_signal, no_data
};

struct BenefitEffect {
  ProjectRef project;
  std::string title;
  std::string category;
  std::string status;  // benefits::benefit_status
  std::string realisation;
  std::optional<std::string> judged_on;
};

using Counts = std::map<std::string, int>;

struct CategoryEffect {
  std::string category;
  std::vector<KpiEffect> kpis;
  std::vector<BenefitEffect> benefits;
  Counts outcomes;  // of the KPIs, every key of kOutcomes
  Counts statuses;  // of the benefits, by status
};

// A survey scale's whole-round index: hidden (no figures) where the round's results hide it.
struct IndexPoint {
  std::string round_label;
  std::string closes_on;
  bool hidden = true;
  surveys::GroupIndex index;
};
struct SurveyEffect {
  ProjectRef project;
  std::string survey_title;
  std::string scale_key;
  nlohmann::json scale_name;
  std::optional<IndexPoint> baseline;  // the closed round 0
  std::optional<IndexPoint> latest;    // the latest closed round after it
  std::optional<surveys::Change> change;
};

struct PhaseCount {
  std::string template_key;
  std::string phase_key;
  int projects = 0;
};

// A cluster or track: its projects' phases and what their KPIs and benefits came to.
struct GroupEffect {
  std::string id;  // "" for the projects in no cluster
  std::string name;
  int projects = 0;
  std::vector<PhaseCount> phases;
  std::map<std::string, Counts> outcomes;  // category → outcome → KPIs
  int benefits = 0;
  int realised = 0;
};

struct EffectReport {
  int projects = 0;
  int municipalities = 0;
  std::vector<PhaseCount> phases;
  std::vector<CategoryEffect> categories;  // kpis::kCategories, in that order
  std::vector<SurveyEffect> surveys;
  std::vector<GroupEffect> clusters;
  std::vector<GroupEffect> tracks;
  std::optional<std::string> from, to;  // the first and last day measured
  int benefits = 0;
  int realised = 0;  // judged realised or partly realised
};

// Everything of `rows` that belongs to an attached project, judged for `today`.
EffectReport build_report(const Programme& programme, const std::vector<AttachedProject>& attached,
                          const Rows& rows, const std::string& today);

// Realised or partly realised, as judged in the Revisit phase.
bool counts_as_realised(const std::string& status);

}  // namespace programmes::effects
