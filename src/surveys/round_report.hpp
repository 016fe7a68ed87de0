#pragma once

// A round's report (issue 17, point 4): per scale and per Likert item, the whole round and
// each unit of the round's grouping, with the change since the baseline round and whether it
// is larger than chance would give, and per scale the trend over the survey's closed rounds.
// The JSON API, the CSV/XLSX export and the results page read this one report, so none of
// them can show a figure the others hide. Results exist only once the round is closed, and a
// hidden cell carries no figures at all: no n, no mean, no change.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "surveys/significance.hpp"
#include "surveys/survey.hpp"
#include "surveys/survey_store.hpp"

namespace surveys {

// The test the report states with every change (significance.hpp).
inline constexpr const char* kChangeTest = "Welch's t-test, two-sided, 5 %";

struct UnitLine {
  std::string unit_id;  // empty: everyone who answered (the whole round)
  std::string name;
  std::optional<std::string> parent_id;
  bool hidden = false;
  GroupIndex index;  // zero when hidden
  // Since the baseline round for the same unit: only when the unit is shown in both rounds
  // and at least two answered in each.
  std::optional<Change> change;
};

// A scale's whole-round index in one closed round of the survey.
struct TrendPoint {
  std::string round_id;
  long long number = 0;
  std::string label;
  bool hidden = false;
  GroupIndex index;  // zero when hidden
};

struct ScaleLine {
  std::string key;
  nlohmann::json name;  // {da, sv, en} as the questionnaire names the scale
  UnitLine total;
  std::vector<UnitLine> units;    // in the grouping's order
  std::vector<TrendPoint> trend;  // every closed round of the survey, in number order
};

// A Likert item: its mean score 0–100 (reverse items flipped, as in the scales), hidden by the
// same rules as a scale, on the count of respondents who answered that item.
struct ItemLine {
  std::string key;
  nlohmann::json text;  // {da, sv, en}
  std::string scale;
  bool reverse = false;
  UnitLine total;
  std::vector<UnitLine> units;
};

struct RoundReport {
  Round round;
  Survey survey;
  std::vector<Participation> participation;
  bool closed = false;
  std::optional<Round> baseline;  // the closed round 0, when it is not this round
  std::vector<ScaleLine> scales;  // in the questionnaire's order; empty until closed
  std::vector<ItemLine> items;    // the Likert items in the questionnaire's order
};

// What the store holds of one round: its scales' sums and, where the report needs them (this
// round and the baseline), its items' point sums.
struct RoundSums {
  Round round;
  std::vector<ScaleSums> scales;
  std::vector<ItemSums> items;
};

// The Likert items' point sums as score sums on 0–100 (reverse items flipped), keyed by the
// item as if each item were a scale, so items go through the same results and suppression.
// Items the questionnaire does not have as Likert items are left out.
std::vector<ScaleSums> item_score_sums(const nlohmann::json& questionnaire,
                                       const std::vector<ItemSums>& points);

// The report from what was read: pure. `closed_rounds` are the survey's closed rounds with
// their sums (any order); this round's and the baseline's are taken from them.
RoundReport build_report(const Survey& survey, const Round& round,
                         std::vector<Participation> participation,
                         const std::vector<RoundSums>& closed_rounds);

// Reads what the report needs and builds it.
RoundReport round_report(SurveyStore& store, const Round& round, const Survey& survey);

// How many were invited and answered per unit, as the API writes it (counts only).
nlohmann::json participation_json(const std::vector<Participation>& all);

// The report as GET /api/v1/rounds/{id}/results answers it (`round` as the round route
// writes it).
nlohmann::json report_json(const RoundReport& report, nlohmann::json round);

// The aggregates as a table for CSV and XLSX, headings first: a row per scale and item × the
// whole round and each unit. A hidden row has no figures. Numbers as `locale` writes them.
core::Table report_table(const RoundReport& report, const std::string& locale);

}  // namespace surveys
