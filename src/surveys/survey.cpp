#include "surveys/survey.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "core/message.hpp"
#include "surveys/questionnaire.hpp"
#include "web/resources.hpp"

namespace surveys {

namespace {

const std::vector<std::string> kItemKinds = {"likert", "single", "multiple", "number", "text"};

nlohmann::json questionnaire_schema() {
  return {{"type", "object"},
          {"description",
           "{\"scales\": [{\"key\", \"name\"}], \"items\": [{\"key\", \"kind\" (likert, "
           "single, multiple, number, text), \"text\", \"scale\", \"reverse\", "
           "\"options\"}]}; default: the template's"}};
}

}  // namespace

nlohmann::json template_definition(const std::string& key) {
  auto data = web::resources::find("survey-templates/" + key + ".json");
  if (!data)
    throw core::ValidationError("template_key", "is not one of the built-in questionnaires");
  return nlohmann::json::parse(*data);
}

void check_questionnaire(const nlohmann::json& questionnaire, core::Input& in) {
  auto refuse = [&](const std::string& why) { in.fail("questionnaire", why); };
  if (!questionnaire.is_object()) return refuse("must be an object with scales and items");
  const auto scales = questionnaire.value("scales", nlohmann::json::array());
  const auto items = questionnaire.value("items", nlohmann::json::array());
  if (!scales.is_array() || !items.is_array()) return refuse("scales and items must be lists");
  if (items.size() > kItemsMax) return refuse("at most " + std::to_string(kItemsMax) + " items");
  std::set<std::string> scale_keys;
  for (const auto& sc : scales)
    if (sc.is_object() && sc.contains("key") && sc["key"].is_string())
      scale_keys.insert(sc["key"].get<std::string>());
  std::set<std::string> keys;
  for (const auto& item : items) {
    if (!item.is_object() || !item.contains("key") || !item["key"].is_string() ||
        item["key"].get<std::string>().empty())
      return refuse("every item needs a key");
    const auto key = item["key"].get<std::string>();
    if (!keys.insert(key).second) return refuse("the item key " + key + " is used twice");
    const auto kind = item.value("kind", "");
    if (std::find(kItemKinds.begin(), kItemKinds.end(), kind) == kItemKinds.end())
      return refuse("the item " + key + " has no known kind");
    if (kind == "likert" && !scale_keys.count(item.value("scale", "")))
      return refuse("the Likert item " + key + " names no scale of the questionnaire");
  }
}

const kit::Fields<Survey>& survey_fields() {
  static const kit::Fields<Survey> fields =
      kit::Fields<Survey>()
          .id(&Survey::id)
          .text("title", &Survey::title, {.required = true, .max = kTitleMax})
          .optional_text("description", &Survey::description, {.max = kDescriptionMax})
          .choice("audience", &Survey::audience, kAudiences)
          .optional_text("template_key", &Survey::template_key,
                         {.max = kTitleMax,
                          .describe = "a built-in questionnaire (social-capital-short, core-task, "
                                      "cross-unit-collaboration, citizen-satisfaction) to start "
                                      "from"})
          .custom(
              "questionnaire", questionnaire_schema(),
              [](core::Input& in, Survey& s) { s.questionnaire = in.raw().at("questionnaire"); },
              [](const Survey& s, nlohmann::json& out) { out["questionnaire"] = s.questionnaire; })
          .integer("min_group", &Survey::min_group, kMinGroupFloor, kMinGroupMax,
                   {.describe = "results per unit only where at least this many answered"})
          .optional_text("project_id", &Survey::project_id,
                         {.max = core::kNameMax, .describe = "the project the survey serves"})
          .optional_text("owner_id", &Survey::owner_id,
                         {.max = core::kNameMax,
                          .describe = "who sees free text; default the person creating it",
                          .output_only = true})
          .stamps()
          .check([](const Survey& s, core::Input& in) {
            if (s.template_key && !s.template_key->empty() &&
                !find_builtin_questionnaire(*s.template_key))
              in.fail("template_key", "is not one of the built-in questionnaires");
            check_questionnaire(s.questionnaire, in);
          });
  return fields;
}

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

namespace {

// The option keys of a choice item.
std::set<std::string> option_keys(const nlohmann::json& item) {
  std::set<std::string> out;
  for (const auto& o : item.value("options", nlohmann::json::array()))
    if (o.is_object()) out.insert(o.value("key", ""));
  return out;
}

// Whether a choice answer names only the item's options: one for a single choice, any
// number (comma-separated) for a multiple choice.
bool chooses_options(const nlohmann::json& item, const Answer& a) {
  if (!a.text) return false;
  const auto keys = option_keys(item);
  if (item.value("kind", "") == "single") return keys.count(*a.text) > 0;
  std::size_t from = 0;
  while (from <= a.text->size()) {
    auto comma = a.text->find(',', from);
    if (comma == std::string::npos) comma = a.text->size();
    if (!keys.count(a.text->substr(from, comma - from))) return false;
    from = comma + 1;
  }
  return true;
}

}  // namespace

std::string text_in(const nlohmann::json& text, const std::string& locale) {
  if (text.is_string()) return text.get<std::string>();
  if (!text.is_object()) return "";
  for (const std::string& lang : {locale, std::string("da"), std::string("en")})
    if (text.contains(lang) && text[lang].is_string()) return text[lang].get<std::string>();
  return "";
}

void check_answers(const nlohmann::json& questionnaire, const Answers& answers) {
  std::map<std::string, std::string> kinds;
  std::map<std::string, nlohmann::json> items;
  for (const auto& item : questionnaire.value("items", nlohmann::json::array())) {
    kinds[item.value("key", "")] = item.value("kind", "");
    items[item.value("key", "")] = item;
  }
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
    } else if ((kind->second == "single" || kind->second == "multiple") &&
               !chooses_options(items.at(key), a)) {
      bad.add(key, core::Message{"survey_err_option"});
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
