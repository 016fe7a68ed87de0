#pragma once

// A survey, its rounds and what a respondent sends (issue 17). The questionnaire is kept as
// JSON ({"scales": [{"key"…}], "items": [{"key", "kind", "scale", "reverse"…}]}); scoring
// reads its Likert items by scale.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kit/fields.hpp"
#include "surveys/scoring.hpp"
#include "surveys/suppression.hpp"

namespace surveys {

inline const std::vector<std::string> kAudiences = {"staff", "citizens"};
inline const std::vector<std::string> kRoundStatuses = {"planned", "open", "closed"};

struct Survey {
  std::string id;
  std::string title;
  std::optional<std::string> description;
  std::string audience = "staff";
  std::optional<std::string> template_key;
  nlohmann::json questionnaire = nlohmann::json::object();
  long long min_group = kDefaultMinGroup;
  std::optional<std::string> project_id;
  std::optional<std::string> owner_id;
  long long version = 0;
  std::string created_at;
  std::string updated_at;
};

// A unit as the round saw the organisation when it was sent.
struct GroupingUnit {
  std::string id;
  std::optional<std::string> parent_id;
  std::string name;
};

struct Round {
  std::string id;
  std::string survey_id;
  long long number = 0;  // 0 the baseline, then the follow-ups
  std::string label;
  std::string opens_on;
  std::string closes_on;
  std::string status = "planned";
  std::vector<GroupingUnit> grouping;
  long long version = 0;
  std::string created_at;
  std::string updated_at;
};

// One item's answer: a number (a Likert point, a number, a chosen option's place) or a text.
struct Answer {
  std::optional<double> number;
  std::optional<std::string> text;
};
using Answers = std::map<std::string, Answer>;

inline constexpr std::size_t kTitleMax = 200;
inline constexpr std::size_t kDescriptionMax = 4000;
inline constexpr long long kMinGroupMax = 100;
inline constexpr std::size_t kItemsMax = 200;

// A survey's fields: what the API reads and writes and the OpenAPI schema.
const kit::Fields<Survey>& survey_fields();

// A built-in questionnaire's definition as shipped (src/surveys/templates/<key>.json).
nlohmann::json template_definition(const std::string& key);

// What a stored questionnaire must hold to be answered and scored: items with unique keys of
// a known kind, each Likert item in a scale the questionnaire names. Fails `in` naming
// "questionnaire" with what is wrong.
void check_questionnaire(const nlohmann::json& questionnaire, core::Input& in);

// The responses' indices on one scale in one unit, as sums: enough for the mean and the
// spread of any group of units without reading a response again. No unit: an answer through
// the public link.
struct ScaleSums {
  std::string scale_key;
  std::optional<std::string> unit_id;
  long long n = 0;
  double sum = 0;
  double sum_of_squares = 0;
};

// The questionnaire's scales with their Likert items.
std::vector<Scale> scales_of(const nlohmann::json& questionnaire);

// One response's index on each scale it counts in (see respondent_index).
std::map<std::string, double> scale_scores(const std::vector<Scale>& scales,
                                           const Answers& answers);

// Refuses answers the questionnaire cannot take, naming the item: an unknown item, a Likert
// point outside 0–4 or not whole, a text where a number belongs, a choice that is not one of
// the item's options (several comma-separated for a multiple choice). Throws ValidationError.
void check_answers(const nlohmann::json& questionnaire, const Answers& answers);

// A question added on the survey's page, in the writer's language.
struct NewItem {
  std::string kind;  // likert, single, multiple, number, text
  std::string text;
  std::string scale_key;  // a Likert item's scale: one of the questionnaire's…
  std::string new_scale;  // …or a new one by this name
  bool reverse = false;
  std::vector<std::string> options;  // a choice's options, one per line on the form
};

inline constexpr std::size_t kItemTextMax = 500;

// The questionnaire with `item` added last (and its new scale, if it names one), its texts
// under `locale`, its key made from its text and unique. ValidationError naming kind, text,
// scale_key or options for what cannot be asked.
nlohmann::json with_item(const nlohmann::json& questionnaire, const NewItem& item,
                         const std::string& locale);
// The questionnaire without the item `key` (and without a scale left with no items).
// NotFound when it has no such item.
nlohmann::json without_item(const nlohmann::json& questionnaire, const std::string& key);

// A questionnaire text ({da, sv, en} or one plain text) in `locale`, else Danish, else English.
std::string text_in(const nlohmann::json& text, const std::string& locale);

nlohmann::json grouping_json(const std::vector<GroupingUnit>& units);
std::vector<GroupingUnit> grouping_from(const nlohmann::json& units);

}  // namespace surveys
