#include "projects/method_template.hpp"

#include <set>
#include <stdexcept>

#include "web/resources.hpp"

namespace projects {
namespace {

// Shipped templates carry every text in all three languages; a tenant's own
// template needs one, and the pages fall back to it.
void require_text(const nlohmann::json& text, const std::string& where, bool all_languages) {
  if (!text.is_object()) throw std::invalid_argument(where + ": text must be {da, sv, en}");
  int present = 0;
  for (const char* l : {"da", "sv", "en"}) {
    bool ok = text.contains(l) && text[l].is_string() && !text[l].get<std::string>().empty();
    if (!ok && all_languages) throw std::invalid_argument(where + ": missing '" + l + "' text");
    if (text.contains(l) && !text[l].is_string())
      throw std::invalid_argument(where + ": '" + l + "' must be text");
    present += ok ? 1 : 0;
  }
  if (present == 0) throw std::invalid_argument(where + ": text is empty");
}

}  // namespace

const TemplatePhase* MethodTemplate::phase(const std::string& k) const {
  for (const auto& p : phases) {
    if (p.key == k) return &p;
  }
  return nullptr;
}

int MethodTemplate::phase_index(const std::string& k) const {
  for (std::size_t i = 0; i < phases.size(); ++i) {
    if (phases[i].key == k) return static_cast<int>(i);
  }
  return -1;
}

MethodTemplate parse_template(const nlohmann::json& d, bool all_languages) {
  MethodTemplate t;
  t.key = d.at("key").get<std::string>();
  t.name = d.at("name");
  t.description = d.value("description", nlohmann::json::object());
  t.source = d.value("source", "");
  require_text(t.name, t.key + " name", all_languages);
  std::set<std::string> dimension_keys;
  for (const auto& dim : d.value("dimensions", nlohmann::json::array())) {
    auto key = dim.at("key").get<std::string>();
    require_text(dim.at("name"), t.key + " dimension " + key, all_languages);
    dimension_keys.insert(key);
    t.dimensions.emplace_back(key, dim.at("name"));
  }
  std::set<std::string> item_keys;
  for (const auto& p : d.at("phases")) {
    TemplatePhase phase;
    phase.key = p.at("key").get<std::string>();
    phase.name = p.at("name");
    phase.description = p.value("description", nlohmann::json::object());
    require_text(phase.name, t.key + " phase " + phase.key, all_languages);
    for (const auto& i : p.at("items")) {
      TemplateItem item;
      item.key = i.at("key").get<std::string>();
      if (!item_keys.insert(item.key).second) {
        throw std::invalid_argument(t.key + ": item key used twice: " + item.key);
      }
      if (i.contains("dimension") && i["dimension"].is_string()) {
        item.dimension = i["dimension"].get<std::string>();
        if (dimension_keys.count(*item.dimension) == 0) {
          throw std::invalid_argument(t.key + ": unknown dimension " + *item.dimension);
        }
      }
      item.text = i.at("text");
      require_text(item.text, t.key + " item " + item.key, all_languages);
      phase.items.push_back(std::move(item));
    }
    if (t.phase(phase.key) != nullptr) throw std::invalid_argument(t.key + ": phase twice");
    t.phases.push_back(std::move(phase));
  }
  if (t.phases.empty()) throw std::invalid_argument(t.key + ": a template needs phases");
  return t;
}

const std::vector<MethodTemplate>& shipped_templates() {
  static const std::vector<MethodTemplate> kTemplates = [] {
    std::vector<MethodTemplate> out;
    for (const char* key : {"kl-workflow", "ffb", "agile-arena"}) {
      auto data = web::resources::find(std::string("project-templates/") + key + ".json");
      if (!data) throw std::runtime_error(std::string("missing template ") + key);
      out.push_back(parse_template(nlohmann::json::parse(*data)));
    }
    return out;
  }();
  return kTemplates;
}

const MethodTemplate* find_template(const std::string& key) {
  for (const auto& t : shipped_templates()) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

std::string localized(const nlohmann::json& text, const std::string& locale) {
  if (!text.is_object()) return text.is_string() ? text.get<std::string>() : "";
  for (const auto& l : {locale, std::string("da"), std::string("en")}) {
    if (text.contains(l) && text[l].is_string()) return text[l].get<std::string>();
  }
  return "";
}

nlohmann::json to_json(const MethodTemplate& t) {
  nlohmann::json dims = nlohmann::json::array();
  for (const auto& [k, n] : t.dimensions) dims.push_back({{"key", k}, {"name", n}});
  nlohmann::json phases = nlohmann::json::array();
  for (const auto& p : t.phases) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : p.items) {
      items.push_back({{"key", i.key},
                       {"dimension", i.dimension ? nlohmann::json(*i.dimension) : nlohmann::json()},
                       {"text", i.text}});
    }
    phases.push_back(
        {{"key", p.key}, {"name", p.name}, {"description", p.description}, {"items", items}});
  }
  return {{"key", t.key},       {"name", t.name},     {"description", t.description},
          {"source", t.source}, {"dimensions", dims}, {"phases", phases}};
}

}  // namespace projects
