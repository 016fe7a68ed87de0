#include "surveys/questionnaire.hpp"

#include <array>
#include <set>
#include <stdexcept>
#include <utility>

#include "web/resources.hpp"

namespace surveys {
namespace {

constexpr std::array<std::pair<ItemKind, std::string_view>, 5> kKinds{{
    {ItemKind::kLikert, "likert"},
    {ItemKind::kSingle, "single"},
    {ItemKind::kMultiple, "multiple"},
    {ItemKind::kNumber, "number"},
    {ItemKind::kText, "text"},
}};

constexpr std::array<std::string_view, 4> kBuiltin{
    "social-capital-short", "core-task", "cross-unit-collaboration", "citizen-satisfaction"};

// Shipped questionnaires are put to staff and citizens in all three languages, so a text
// missing in one of them is a defect, not a fallback.
void require_text(const nlohmann::json& text, const std::string& where) {
  if (!text.is_object()) throw std::invalid_argument(where + ": text must be {da, sv, en}");
  for (const char* l : {"da", "sv", "en"}) {
    if (!text.contains(l) || !text[l].is_string() || text[l].get<std::string>().empty())
      throw std::invalid_argument(where + ": missing '" + l + "' text");
  }
}

std::string required_string(const nlohmann::json& d, const char* field, const std::string& where) {
  if (!d.contains(field) || !d[field].is_string() || d[field].get<std::string>().empty())
    throw std::invalid_argument(where + ": missing " + field);
  return d[field].get<std::string>();
}

ItemKind parse_kind(const std::string& kind, const std::string& where) {
  for (const auto& [k, name] : kKinds) {
    if (name == kind) return k;
  }
  throw std::invalid_argument(where + ": unknown kind '" + kind + "'");
}

Audience parse_audience(const std::string& audience, const std::string& where) {
  if (audience == "staff") return Audience::kStaff;
  if (audience == "citizens") return Audience::kCitizens;
  throw std::invalid_argument(where + ": audience is staff or citizens, not '" + audience + "'");
}

std::vector<ItemOption> parse_options(const nlohmann::json& d, const std::string& where) {
  std::vector<ItemOption> out;
  std::set<std::string> keys;
  for (const auto& o : d.value("options", nlohmann::json::array())) {
    ItemOption option;
    option.key = required_string(o, "key", where + " option");
    if (!keys.insert(option.key).second)
      throw std::invalid_argument(where + ": option key used twice: " + option.key);
    option.label = o.value("label", nlohmann::json());
    require_text(option.label, where + " option " + option.key);
    out.push_back(std::move(option));
  }
  // One option is no choice; the stored answer would say nothing.
  if (out.size() < 2) throw std::invalid_argument(where + ": a choice needs two options");
  return out;
}

QuestionnaireItem parse_item(const nlohmann::json& d, const Questionnaire& q) {
  QuestionnaireItem item;
  item.key = required_string(d, "key", q.key + " item");
  const std::string where = q.key + " item " + item.key;
  item.kind = parse_kind(required_string(d, "kind", where), where);
  item.text = d.value("text", nlohmann::json());
  require_text(item.text, where);
  item.source = required_string(d, "source", where);
  item.reverse = d.value("reverse", false);
  if (item.kind == ItemKind::kLikert) {
    item.scale = required_string(d, "scale", where);
    if (q.scale(*item.scale) == nullptr)
      throw std::invalid_argument(where + ": unknown scale " + *item.scale);
  } else {
    // Scoring reads scales and reverse only from Likert items; elsewhere they would
    // silently mean nothing.
    if (d.contains("scale") && !d["scale"].is_null())
      throw std::invalid_argument(where + ": only Likert items belong to a scale");
    if (item.reverse) throw std::invalid_argument(where + ": only Likert items are reversed");
  }
  const bool choice = item.kind == ItemKind::kSingle || item.kind == ItemKind::kMultiple;
  if (choice) {
    item.options = parse_options(d, where);
  } else if (d.contains("options")) {
    throw std::invalid_argument(where + ": only choice items have options");
  }
  return item;
}

// Parsed once: the embedded files cannot change while the binary runs.
const std::vector<Questionnaire>& parsed_builtin() {
  static const std::vector<Questionnaire> kQuestionnaires = [] {
    std::vector<Questionnaire> out;
    for (auto key : kBuiltin) {
      const std::string name = "survey-templates/" + std::string(key) + ".json";
      auto data = web::resources::find(name);
      if (!data) throw std::runtime_error("missing questionnaire " + name);
      out.push_back(parse_questionnaire(nlohmann::json::parse(*data)));
    }
    return out;
  }();
  return kQuestionnaires;
}

}  // namespace

std::string_view to_string(ItemKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "likert";
}

std::string_view to_string(Audience audience) {
  return audience == Audience::kCitizens ? "citizens" : "staff";
}

const QuestionnaireItem* Questionnaire::item(const std::string& k) const {
  for (const auto& i : items) {
    if (i.key == k) return &i;
  }
  return nullptr;
}

const QuestionnaireScale* Questionnaire::scale(const std::string& k) const {
  for (const auto& s : scales) {
    if (s.key == k) return &s;
  }
  return nullptr;
}

Questionnaire parse_questionnaire(const nlohmann::json& d) {
  if (!d.is_object()) throw std::invalid_argument("a questionnaire is a JSON object");
  Questionnaire q;
  q.key = required_string(d, "key", "questionnaire");
  q.name = d.value("name", nlohmann::json());
  require_text(q.name, q.key + " name");
  q.description = d.value("description", nlohmann::json());
  require_text(q.description, q.key + " description");
  q.audience = parse_audience(required_string(d, "audience", q.key), q.key);
  q.source = required_string(d, "source", q.key);

  for (const auto& s : d.value("scales", nlohmann::json::array())) {
    QuestionnaireScale scale;
    scale.key = required_string(s, "key", q.key + " scale");
    if (q.scale(scale.key) != nullptr)
      throw std::invalid_argument(q.key + ": scale key used twice: " + scale.key);
    scale.name = s.value("name", nlohmann::json());
    require_text(scale.name, q.key + " scale " + scale.key);
    q.scales.push_back(std::move(scale));
  }

  for (const auto& label : d.value("likert_labels", nlohmann::json::array())) {
    require_text(label, q.key + " Likert label");
    q.likert_labels.push_back(label);
  }

  std::set<std::string> item_keys;
  for (const auto& i : d.value("items", nlohmann::json::array())) {
    auto item = parse_item(i, q);
    if (!item_keys.insert(item.key).second)
      throw std::invalid_argument(q.key + ": item key used twice: " + item.key);
    q.items.push_back(std::move(item));
  }
  if (q.items.empty()) throw std::invalid_argument(q.key + ": a questionnaire needs items");

  const bool has_likert = !q.scales.empty();
  if (has_likert && q.likert_labels.size() != static_cast<std::size_t>(kLikertPoints))
    throw std::invalid_argument(q.key + ": Likert items need " + std::to_string(kLikertPoints) +
                                " point labels");
  // A scale without items would report an index nobody can ever get.
  for (const auto& s : q.scales) {
    bool used = false;
    for (const auto& i : q.items) used = used || i.scale == s.key;
    if (!used) throw std::invalid_argument(q.key + ": scale " + s.key + " has no items");
  }
  return q;
}

std::vector<Questionnaire> builtin_questionnaires() { return parsed_builtin(); }

std::optional<Questionnaire> find_builtin_questionnaire(const std::string& key) {
  for (const auto& q : parsed_builtin()) {
    if (q.key == key) return q;
  }
  return std::nullopt;
}

std::vector<Scale> scoring_scales(const Questionnaire& questionnaire) {
  std::vector<Scale> out;
  for (const auto& s : questionnaire.scales) {
    if (auto scale = scoring_scale(questionnaire, s.key)) out.push_back(std::move(*scale));
  }
  return out;
}

std::optional<Scale> scoring_scale(const Questionnaire& questionnaire,
                                   const std::string& scale_key) {
  if (questionnaire.scale(scale_key) == nullptr) return std::nullopt;
  Scale scale{scale_key, {}};
  for (const auto& i : questionnaire.items) {
    if (i.kind == ItemKind::kLikert && i.scale == scale_key)
      scale.items.push_back({i.key, i.reverse});
  }
  return scale;
}

}  // namespace surveys
