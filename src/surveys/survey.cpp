#include "surveys/survey.hpp"

#include <cmath>

#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "core/message.hpp"

namespace surveys {

std::vector<Scale> scales_of(const nlohmann::json& questionnaire) {
  std::vector<Scale> out;
  std::map<std::string, std::size_t> at;
  for (const auto& s : questionnaire.value("scales", nlohmann::json::array())) {
    at[s.value("key", "")] = out.size();
    out.push_back({s.value("key", ""), {}});
  }
  for (const auto& item : questionnaire.value("items", nlohmann::json::array())) {
    if (item.value("kind", "") != "likert" || !item.contains("scale")) continue;
    auto scale = at.find(item.value("scale", ""));
    if (scale == at.end()) continue;
    out[scale->second].items.push_back({item.value("key", ""), item.value("reverse", false)});
  }
  return out;
}

std::map<std::string, double> scale_scores(const std::vector<Scale>& scales,
                                           const Answers& answers) {
  LikertAnswers points;
  for (const auto& [key, a] : answers)
    if (a.number && std::floor(*a.number) == *a.number && *a.number >= 0 &&
        *a.number < kLikertPoints)
      points[key] = static_cast<int>(*a.number);
  std::map<std::string, double> out;
  for (const auto& s : scales)
    if (auto index = respondent_index(s, points)) out[s.key] = *index;
  return out;
}

void check_answers(const nlohmann::json& questionnaire, const Answers& answers) {
  std::map<std::string, std::string> kinds;
  for (const auto& item : questionnaire.value("items", nlohmann::json::array()))
    kinds[item.value("key", "")] = item.value("kind", "");
  core::FieldErrors bad;
  for (const auto& [key, a] : answers) {
    auto kind = kinds.find(key);
    if (kind == kinds.end()) {
      bad.add(key, core::Message{"survey_err_no_item"});
    } else if (kind->second == "likert") {
      if (!a.number || std::floor(*a.number) != *a.number || *a.number < 0 ||
          *a.number >= kLikertPoints)
        bad.add(key, core::Message{"survey_err_likert"});
    } else if (kind->second == "number" && !a.number) {
      bad.add(key, core::Message{"survey_err_number"});
    }
  }
  bad.check();
}

nlohmann::json grouping_json(const std::vector<GroupingUnit>& units) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : units)
    out.push_back({{"id", u.id},
                   {"parent_id", u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json()},
                   {"name", u.name}});
  return out;
}

std::vector<GroupingUnit> grouping_from(const nlohmann::json& units) {
  std::vector<GroupingUnit> out;
  for (const auto& u : units) {
    GroupingUnit g{u.value("id", ""), std::nullopt, u.value("name", "")};
    if (u.contains("parent_id") && u["parent_id"].is_string())
      g.parent_id = u["parent_id"].get<std::string>();
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace surveys
