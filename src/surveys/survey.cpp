#include "surveys/survey.hpp"

#include <algorithm>
#include <cctype>
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

namespace {

// The Nordic letters as ASCII ("æ" → "ae"), by the second byte of their UTF-8 (after 0xC3).
const char* ascii_of(unsigned char second) {
  switch (second) {
    case 0xA6:
    case 0x86:
      return "ae";  // æ Æ
    case 0xB8:
    case 0x98:
      return "oe";  // ø Ø
    case 0xA5:
    case 0x85:
      return "aa";  // å Å
    case 0xA4:
    case 0x84:
      return "a";  // ä Ä
    case 0xB6:
    case 0x96:
      return "o";  // ö Ö
    case 0xA9:
    case 0x89:
      return "e";  // é É
    case 0xBC:
    case 0x9C:
      return "u";  // ü Ü
    default:
      return "";
  }
}

// "Hjælper vi hinanden?" → "hjaelper-vi-hinanden": ASCII letters and digits, the rest dashes.
std::string key_from(const std::string& text) {
  std::string key;
  for (std::size_t i = 0; i < text.size() && key.size() < 40; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size() && *ascii_of(static_cast<unsigned char>(text[i + 1]))) {
      key += ascii_of(static_cast<unsigned char>(text[++i]));
    } else if (std::isalnum(c) && c < 128) {
      key.push_back(static_cast<char>(std::tolower(c)));
    } else if (!key.empty() && key.back() != '-') {
      key.push_back('-');
    }
  }
  while (!key.empty() && key.back() == '-') key.pop_back();
  return key.empty() ? "q" : key;
}

std::string unique_key(const std::string& base, const nlohmann::json& taken) {
  auto used = [&](const std::string& k) {
    for (const auto& t : taken)
      if (t.value("key", "") == k) return true;
    return false;
  };
  std::string key = base;
  for (int n = 2; used(key); ++n) key = base + "-" + std::to_string(n);
  return key;
}

}  // namespace

nlohmann::json with_item(const nlohmann::json& questionnaire, const NewItem& item,
                         const std::string& locale) {
  core::FieldErrors bad;
  if (std::find(kItemKinds.begin(), kItemKinds.end(), item.kind) == kItemKinds.end())
    bad.add("kind", "must be one of likert, single, multiple, number, text");
  if (item.text.empty() || item.text.size() > kItemTextMax)
    bad.add("text", core::Message{"err.length_between", {{"min", 1}, {"max", kItemTextMax}}});
  const bool choice = item.kind == "single" || item.kind == "multiple";
  if (choice && item.options.size() < 2) bad.add("options", core::Message{"survey_err_options"});
  nlohmann::json out = questionnaire.is_object() ? questionnaire : nlohmann::json::object();
  if (!out.contains("scales") || !out["scales"].is_array()) out["scales"] = nlohmann::json::array();
  if (!out.contains("items") || !out["items"].is_array()) out["items"] = nlohmann::json::array();
  if (out["items"].size() >= kItemsMax)
    bad.add("text", "at most " + std::to_string(kItemsMax) + " questions");
  std::string scale;
  if (item.kind == "likert") {
    if (!item.new_scale.empty()) {
      scale = unique_key(key_from(item.new_scale), out["scales"]);
      out["scales"].push_back({{"key", scale}, {"name", {{locale, item.new_scale}}}});
    } else {
      for (const auto& sc : out["scales"])
        if (sc.value("key", "") == item.scale_key) scale = item.scale_key;
      if (scale.empty()) bad.add("scale_key", core::Message{"survey_err_scale"});
    }
  }
  bad.check();
  nlohmann::json added = {{"key", unique_key(key_from(item.text), out["items"])},
                          {"kind", item.kind},
                          {"text", {{locale, item.text}}},
                          {"reverse", item.kind == "likert" && item.reverse},
                          {"source", "Written by the municipality"}};
  if (!scale.empty()) added["scale"] = scale;
  if (choice) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : item.options)
      options.push_back({{"key", unique_key(key_from(o), options)}, {"label", {{locale, o}}}});
    added["options"] = options;
  }
  out["items"].push_back(std::move(added));
  return out;
}

nlohmann::json without_item(const nlohmann::json& questionnaire, const std::string& key) {
  nlohmann::json out = questionnaire;
  auto& items = out["items"];
  std::string scale;
  bool found = false;
  for (auto it = items.begin(); it != items.end(); ++it)
    if (it->value("key", "") == key) {
      scale = it->value("scale", "");
      items.erase(it);
      found = true;
      break;
    }
  if (!found) throw core::NotFound("no question " + key + " in the survey");
  bool still_used = false;
  for (const auto& i : items)
    if (i.value("scale", "") == scale) still_used = true;
  if (!scale.empty() && !still_used) {
    auto& scales = out["scales"];
    for (auto it = scales.begin(); it != scales.end(); ++it)
      if (it->value("key", "") == scale) {
        scales.erase(it);
        break;
      }
  }
  return out;
}

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
