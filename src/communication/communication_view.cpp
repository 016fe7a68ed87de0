#include "communication/communication_view.hpp"

#include <algorithm>
#include <map>

#include "stakeholders/stakeholder_view.hpp"
#include "web/i18n.hpp"

namespace communication {
namespace {

using nlohmann::json;

std::string t(const std::string& locale, const std::string& key) { return web::t(locale, key); }

json progress_entry(const Progress& p, std::string label) {
  const bool planned = p.planned > 0;
  return {{"key", p.key},
          {"label", std::move(label)},
          {"planned", p.planned},
          {"trained", p.trained},
          {"percent", planned ? json(p.percent) : json()},
          {"has_plan", planned},
          {"bar", std::min(p.percent, 100)}};
}

}  // namespace

std::string audience_label(const Communication& c, const std::string& locale) {
  if (c.audience == "stakeholder_group" && c.group)
    return stakeholders::group_label(locale, *c.group);
  if (c.audience == "unit" && c.unit_id) return c.unit_name.value_or(*c.unit_id);
  return t(locale, "comm_audience_" + c.audience);
}

core::Table plan_table(const std::vector<Communication>& plan, const std::string& locale) {
  core::Table table;
  std::vector<std::string> headings;
  for (const char* c :
       {"date", "message", "why", "audience", "channel", "practice", "owner", "done", "reach"})
    headings.push_back(t(locale, std::string("comm_col_") + c));
  table.push_back(std::move(headings));
  for (const auto& c : plan)
    table.push_back({c.date, c.message, c.why.value_or(""), audience_label(c, locale),
                     t(locale, "comm_channel_" + c.channel), c.practice.value_or(""),
                     c.owner_name.value_or(""), t(locale, c.done ? "comm_yes" : "comm_no"),
                     c.reach ? std::to_string(*c.reach) : ""});
  return table;
}

core::Table training_table(const std::vector<TrainingClass>& classes, const std::string& locale) {
  core::Table table;
  std::vector<std::string> headings;
  for (const char* c :
       {"title", "audience", "starts_on", "ends_on", "place", "unit", "capacity", "trained"})
    headings.push_back(t(locale, std::string("training_col_") + c));
  table.push_back(std::move(headings));
  for (const auto& c : classes)
    table.push_back({c.title, t(locale, "training_audience_" + c.audience), c.starts_on,
                     c.ends_on.value_or(""), c.place.value_or(""), c.unit_name.value_or(""),
                     std::to_string(c.capacity), std::to_string(trained_count(c))});
  return table;
}

json plan_row(const Communication& c, const std::string& locale) {
  json row = to_json(c);
  row["audience_label"] = audience_label(c, locale);
  row["channel_label"] = t(locale, "comm_channel_" + c.channel);
  row["url"] = "/projects/" + c.project_id + "/communication/" + c.id;
  return row;
}

json class_row(const TrainingClass& c, const std::string& locale) {
  json row = to_json(c);
  row["audience_label"] = t(locale, "training_audience_" + c.audience);
  row["url"] = "/projects/" + c.project_id + "/training/" + c.id;
  row["has_people"] = !c.people.empty();
  row["has_counts"] = !c.unit_counts.empty();
  row["has_trained"] = trained_count(c) > 0;
  row["over_capacity"] = trained_count(c) > c.capacity;
  return row;
}

json progress_json(const std::vector<TrainingClass>& classes, const std::string& locale,
                   const std::map<std::string, std::string>& unit_names) {
  json audiences = json::array();
  for (const auto& p : progress_by_audience(classes))
    audiences.push_back(progress_entry(p, t(locale, "training_audience_" + p.key)));
  json units = json::array();
  for (const auto& p : progress_by_unit(classes)) {
    auto name = unit_names.find(p.key);
    std::string label = p.key.empty()              ? t(locale, "training_no_unit")
                        : name != unit_names.end() ? name->second
                                                   : p.key;
    units.push_back(progress_entry(p, std::move(label)));
  }
  return {{"total", progress_entry(progress_total(classes), t(locale, "training_total"))},
          {"by_audience", std::move(audiences)},
          {"by_unit", std::move(units)}};
}

}  // namespace communication
