#include "help/help.hpp"

#include <map>
#include <stdexcept>

#include "web/i18n.hpp"
#include "web/resources.hpp"

namespace help {
namespace {

using nlohmann::json;

json load(const std::string& name) {
  auto data = web::resources::find("help/" + name + ".json");
  if (!data) throw std::runtime_error("missing help/" + name + ".json");
  return json::parse(*data);
}

std::vector<std::string> strings(const json& j, const char* key) {
  return j.value(key, std::vector<std::string>{});
}

struct Content {
  std::vector<Topic> topics;
  std::map<std::string, std::map<std::string, TopicText>> texts;  // locale → id → words
};

// Read once; a topic without its words in a language is a build mistake, so it fails
// loudly (the unit test loads everything).
const Content& content() {
  static const Content kContent = [] {
    Content c;
    const json structure = load("topics");
    for (const auto& t : structure.at("topics"))
      c.topics.push_back({t.at("id"), t.at("group"), strings(t, "phases"), strings(t, "map_kinds"),
                          strings(t, "related")});
    for (const auto& locale : web::kLocales) {
      const json words = load(locale);
      for (const auto& t : c.topics) {
        if (!words.contains(t.id)) throw std::runtime_error("help/" + locale + ": no " + t.id);
        const json& w = words.at(t.id);
        c.texts[locale][t.id] = {w.at("title"),       w.at("summary"), w.at("why"),
                                 strings(w, "steps"), w.at("tip"),     w.at("where")};
      }
    }
    return c;
  }();
  return kContent;
}

}  // namespace

const std::vector<Topic>& topics() { return content().topics; }

const Topic* find(const std::string& id) {
  for (const auto& t : topics())
    if (t.id == id) return &t;
  return nullptr;
}

namespace {

const Topic* naming(std::vector<std::string> Topic::*list, const std::string& key) {
  for (const auto& t : topics())
    for (const auto& k : t.*list)
      if (k == key) return &t;
  return nullptr;
}

}  // namespace

const Topic* for_phase(const std::string& phase_key) { return naming(&Topic::phases, phase_key); }

const Topic* for_map_kind(const std::string& kind) { return naming(&Topic::map_kinds, kind); }

const TopicText& text(const Topic& topic, const std::string& locale) {
  const auto& texts = content().texts;
  auto it = texts.find(web::is_locale(locale) ? locale : web::kDefaultLocale);
  return it->second.at(topic.id);
}

json summary_json(const Topic& topic, const std::string& locale) {
  const TopicText& w = text(topic, locale);
  return {{"id", topic.id},
          {"group", topic.group},
          {"phases", topic.phases},
          {"title", w.title},
          {"summary", w.summary}};
}

json to_json(const Topic& topic, const std::string& locale) {
  json j = summary_json(topic, locale);
  const TopicText& w = text(topic, locale);
  j["lang"] = web::is_locale(locale) ? locale : web::kDefaultLocale;
  j["why"] = w.why;
  j["steps"] = w.steps;
  j["tip"] = w.tip;
  j["where"] = w.where;
  j["related"] = topic.related;
  return j;
}

json summary_schema() {
  const json text = {{"type", "string"}};
  return {{"type", "object"},
          {"description", "A method help topic in the caller's language, as listed"},
          {"required", {"id", "group", "phases", "title", "summary"}},
          {"properties",
           {{"id", {{"type", "string"}, {"description", "the topic's address: /help/{id}"}}},
            {"group", {{"enum", kGroups}, {"description", "method (phases) or tools"}}},
            {"phases",
             {{"type", "array"},
              {"items", text},
              {"description", "method-template phase keys the topic explains"}}},
            {"title", text},
            {"summary", {{"type", "string"}, {"description", "what it is"}}}}}};
}

json topic_schema() {
  json s = summary_schema();
  s["description"] = "A method help topic in the caller's language";
  const json text = {{"type", "string"}};
  for (const char* k : {"lang", "why", "steps", "tip", "where", "related"})
    s["required"].push_back(k);
  auto& p = s["properties"];
  p["lang"] = {{"enum", web::kLocales}};
  p["why"] = text;
  p["steps"] = {{"type", "array"}, {"items", text}, {"description", "how to do it, in order"}};
  p["tip"] = {{"type", "string"}, {"description", "a tip or a pitfall"}};
  p["where"] = {{"type", "string"}, {"description", "where in fremdrift to do it"}};
  p["related"] = {{"type", "array"}, {"items", text}, {"description", "ids of related topics"}};
  return s;
}

}  // namespace help
