#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace projects {

// A method template (seed documents 000, 003, 004): phases with checklist items,
// optionally grouped by dimension. Texts are {"da","sv","en"} objects.
struct TemplateItem {
  std::string key;
  std::optional<std::string> dimension;
  nlohmann::json text;
};

struct TemplatePhase {
  std::string key;
  nlohmann::json name;
  nlohmann::json description;
  std::vector<TemplateItem> items;
};

struct MethodTemplate {
  std::string key;
  nlohmann::json name;
  nlohmann::json description;
  std::string source;
  std::vector<std::pair<std::string, nlohmann::json>> dimensions;  // key → name
  std::vector<TemplatePhase> phases;

  const TemplatePhase* phase(const std::string& key) const;
  // Index of the phase in order, or -1.
  int phase_index(const std::string& key) const;
};

// Reads a template definition; throws std::invalid_argument naming what is wrong.
// `all_languages`: every text in da, sv and en (shipped templates); otherwise one.
MethodTemplate parse_template(const nlohmann::json& definition, bool all_languages = true);

// The templates shipped with fremdrift (kl-workflow, ffb, agile-arena), in that order.
const std::vector<MethodTemplate>& shipped_templates();
const MethodTemplate* find_template(const std::string& key);

// The text in `locale`, falling back to Danish, then English.
std::string localized(const nlohmann::json& text, const std::string& locale);

nlohmann::json to_json(const MethodTemplate& t);

}  // namespace projects
