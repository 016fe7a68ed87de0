#pragma once

// The questionnaire templates shipped with fremdrift (issue 17; seeds 002 and 004): items,
// the scales they score into and every text in da, sv and en. A round of a survey is run
// from one of these; scoring.hpp turns its answers into indices.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "surveys/scoring.hpp"

namespace surveys {

enum class ItemKind { kLikert, kSingle, kMultiple, kNumber, kText };
enum class Audience { kStaff, kCitizens };

std::string_view to_string(ItemKind kind);
std::string_view to_string(Audience audience);

// An answer option of a single or multiple choice item; the label is {da, sv, en}.
struct ItemOption {
  std::string key;
  nlohmann::json label;
};

struct QuestionnaireItem {
  std::string key;
  ItemKind kind = ItemKind::kLikert;
  nlohmann::json text;  // {da, sv, en}
  // The scale a Likert item scores into; other kinds stand alone.
  std::optional<std::string> scale;
  bool reverse = false;
  std::vector<ItemOption> options;  // single and multiple choice only
  // Where the item comes from, so that a municipality can judge what it is comparing with.
  std::string source;
};

struct QuestionnaireScale {
  std::string key;
  nlohmann::json name;  // {da, sv, en}
};

struct Questionnaire {
  std::string key;
  nlohmann::json name;
  nlohmann::json description;
  Audience audience = Audience::kStaff;
  std::vector<QuestionnaireScale> scales;
  // The labels of the points 0–4 of every Likert item, each {da, sv, en}.
  std::vector<nlohmann::json> likert_labels;
  std::vector<QuestionnaireItem> items;
  std::string source;

  const QuestionnaireItem* item(const std::string& key) const;
  const QuestionnaireScale* scale(const std::string& key) const;
};

// Reads a questionnaire definition; throws std::invalid_argument naming what is wrong.
Questionnaire parse_questionnaire(const nlohmann::json& definition);

// The shipped questionnaires: social-capital-short, core-task, cross-unit-collaboration and
// citizen-satisfaction, in that order. Throws std::runtime_error if one is missing.
std::vector<Questionnaire> builtin_questionnaires();
std::optional<Questionnaire> find_builtin_questionnaire(const std::string& key);

// The questionnaire's scales as scoring sees them, in the questionnaire's order, each with
// its Likert items in item order.
std::vector<Scale> scoring_scales(const Questionnaire& questionnaire);
std::optional<Scale> scoring_scale(const Questionnaire& questionnaire,
                                   const std::string& scale_key);

}  // namespace surveys
