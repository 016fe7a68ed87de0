#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

// Method help: short texts per phase and per tool, in our own words from the seeds.
// The structure (which topics, their order, group, phases and related topics) is one
// file (src/help/content/topics.json); the words are one file per language, keyed by
// topic, so da, sv and en stay in step and a test can compare them.
namespace help {

struct Topic {
  std::string id;                      // "run-charts": the address /help/run-charts
  std::string group;                   // "method" (phases, templates) or "tools"
  std::vector<std::string> phases;     // method-template phase keys this topic explains
  std::vector<std::string> map_kinds;  // kinds of workflow map ("as_is", "redesign")
  std::vector<std::string> related;    // other topic ids
};

// A topic's words in one language.
struct TopicText {
  std::string title;
  std::string summary;  // what it is
  std::string why;
  std::vector<std::string> steps;  // how to do it
  std::string tip;                 // a tip or a pitfall
  std::string where;               // where in fremdrift
};

inline const std::vector<std::string> kGroups = {"method", "tools"};

// In the index's order.
const std::vector<Topic>& topics();
const Topic* find(const std::string& id);
// The topic that explains a method template's phase (templates copied by a tenant keep
// their phase keys); null for a phase no topic names.
const Topic* for_phase(const std::string& phase_key);
// The topic that explains drawing a map of that kind; null for none.
const Topic* for_map_kind(const std::string& kind);
// The words in `locale` (unknown locales read Danish, as the catalogues do).
const TopicText& text(const Topic& topic, const std::string& locale);

// The API's shapes: the whole topic, and one row of the list.
nlohmann::json to_json(const Topic& topic, const std::string& locale);
nlohmann::json summary_json(const Topic& topic, const std::string& locale);
nlohmann::json topic_schema();
nlohmann::json summary_schema();

}  // namespace help
