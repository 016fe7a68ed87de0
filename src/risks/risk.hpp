#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kit/fields.hpp"

namespace risks {

inline const std::vector<std::string> kStatuses = {"open", "closed", "occurred"};
inline constexpr std::size_t kTitleMax = 200;
inline constexpr std::size_t kTextMax = 2000;
inline constexpr std::size_t kMitigationMax = 500;
inline constexpr std::size_t kMitigationsMax = 20;
inline constexpr int kScale = 5;  // probability and consequence run 1–5 (seed 004)

// Where a score falls: at or below `low_max` low, at or above `high_min` high (the tenant's
// settings; defaults low ≤ 4, high ≥ 15).
struct Bands {
  long long low_max = 4;
  long long high_min = 15;
};

// One row of a project's risk log (seed 004: sannolikhet 1–5 × konsekvens 1–5).
struct Risk {
  std::string id;
  std::string project_id;
  std::string title;
  std::string description;
  std::string cause;
  std::string consequence_text;
  std::optional<std::string> owner_id;
  long long probability = 0;
  long long consequence = 0;
  // After mitigation: both or neither.
  std::optional<long long> probability_after;
  std::optional<long long> consequence_after;
  std::vector<std::string> mitigations;
  std::string next_review;  // YYYY-MM-DD or "" (none)
  std::string status = "open";
  std::optional<std::string> what_now;  // occurred: what happens now
  // Action-plan rows raised from the risk: [{"source": "mitigation" or "occurred", "text",
  // "action_id"}], written only by the store.
  nlohmann::json linked_actions = nlohmann::json::array();
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  // Filled by the store: the owner's name, the tenant's bands and today by its clock.
  std::optional<std::string> owner_name;
  Bands bands;
  std::string today;
};

// The risk log's fields, named once (kit/fields.hpp): title, probability and consequence
// (required, whole numbers 1–5), the "after" pair (both or neither), owner_id, texts,
// mitigations (a list of texts), next_review, status (occurred needs what_now); output adds
// score, band, score_after, band_after, review_overdue and the linked action-plan rows.
const kit::Fields<Risk>& risk_fields();
inline nlohmann::json to_json(const Risk& r) { return risk_fields().to_json(r); }

// Probability × consequence, 1–25.
long long score(long long probability, long long consequence);
// "low", "medium" or "high".
std::string band(long long score, const Bands& bands);
// The score after mitigation when both are given.
std::optional<long long> score_after(const Risk& r);
// Open, with a next review before `today`.
bool review_overdue(const Risk& r, const std::string& today);

// The 5×5 heat map: counts[p-1][c-1] risks at probability p and consequence c.
struct Matrix {
  std::array<std::array<int, kScale>, kScale> counts{};
  int total = 0;
};
// Before mitigation (`after` false) or after (risks without an after pair keep their
// before scores, so every risk stays on the map). Closed risks are left out.
Matrix matrix(const std::vector<Risk>& risks, bool after);
// {"cells": [25 × {probability, consequence, score, band, count}], "total"} with probability
// running 5→1 and consequence 1→5 (the order the map is drawn in).
nlohmann::json matrix_json(const Matrix& m, const Bands& bands);
// The API's answer: {"before": …, "after": …, "bands": {low_max, high_min}}.
nlohmann::json matrices_json(const std::vector<Risk>& risks, const Bands& bands);

}  // namespace risks
