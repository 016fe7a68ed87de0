#include "arenas/arena_view.hpp"

#include <set>

#include "org/people_choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace arenas {
namespace {

using nlohmann::json;

constexpr int kPeopleMax = 500;

constexpr const char* kTyped[] = {"title",   "goal",   "leader_id", "starts_on",
                                  "ends_on", "status", "outcome",   "version"};

json team_json(const Arena& a) {
  json out = json::array();
  for (const auto& m : a.members) {
    json row = {{"name", m.name}, {"leader", m.leader}};
    if (m.unit_name) row["unit"] = *m.unit_name;
    out.push_back(std::move(row));
  }
  return out;
}

json units_json(const Arena& a) {
  json out = json::array();
  for (const auto& u : units_covered(a.members)) out.push_back({{"name", *u.unit_name}});
  return out;
}

json step_json(const Step& step, const Arena& a, const std::string& locale, bool may_work) {
  json items = json::array();
  for (std::size_t i = 0; i < step.items.size(); ++i) {
    const auto& ti = step.phase->items[i];
    const auto* state = step.items[i];
    items.push_back({{"key", ti.key},
                     {"text", projects::localized(ti.text, locale)},
                     {"done", state->done},
                     {"done_by", state->done_by_name.value_or("")},
                     {"done_at", state->done_at ? state->done_at->substr(0, 10) : ""},
                     {"action", "/arenas/" + a.id + "/items/" + ti.key},
                     {"may_work", may_work}});
  }
  return {{"key", step.phase->key},
          {"name", step_label(projects::localized(step.phase->name, locale))},
          {"description", projects::localized(step.phase->description, locale)},
          {"done", step.done},
          {"total", step.items.size()},
          {"complete", step.done == static_cast<int>(step.items.size())},
          {"current", step.current},
          {"items", items}};
}

}  // namespace

json team_choices(soci::session& sql, const std::string& tenant_id, const json& form) {
  auto people = org::active_people(sql, tenant_id, kPeopleMax);
  return {{"leader_options", leader_options(people, form.value("leader_id", ""))},
          {"member_boxes", member_boxes(people, form.value("member_ids", json::array()))}};
}

std::string team_fields_html(const std::string& lang, const std::string& prefix, const json& form,
                             const json& errors, const json& choices) {
  json view = choices;
  view["lang"] = lang;
  view["prefix"] = prefix;
  view["form"] = form;
  view["errors"] = errors;
  return web::render_template("arenas/team_fields", view);
}

json typed_arena(const std::map<std::string, std::string>& form) {
  json typed = json::object();
  for (const char* k : kTyped) typed[k] = form.count(k) ? form.at(k) : "";
  json members = json::array();
  for (const auto& [k, v] : form)
    if (k.rfind("m_", 0) == 0 && !v.empty()) members.push_back(k.substr(2));
  typed["member_ids"] = members;
  return typed;
}

json leader_options(const Choices& people, const std::string& selected) {
  json out = json::array();
  for (const auto& [id, name] : people)
    out.push_back({{"value", id}, {"label", name}, {"selected", id == selected}});
  return out;
}

json member_boxes(const Choices& people, const json& chosen) {
  std::set<std::string> ticked;
  if (chosen.is_array())
    for (const auto& c : chosen)
      if (c.is_string()) ticked.insert(c.get<std::string>());
  json out = json::array();
  for (const auto& [id, name] : people)
    out.push_back({{"id", id}, {"name", name}, {"ticked", ticked.contains(id)}});
  return out;
}

json status_options(const std::string& locale, const std::string& selected, bool with_all) {
  json out = json::array();
  if (with_all)
    out.push_back(
        {{"value", ""}, {"label", web::t(locale, "arena_all")}, {"selected", selected.empty()}});
  for (const auto& s : kStatuses)
    out.push_back({{"value", s},
                   {"label", web::t(locale, "arena_status_" + s)},
                   {"selected", s == selected}});
  return out;
}

json list_row(const Arena& a, const std::string& locale, const std::string& today) {
  json units = json::array();
  for (const auto& u : units_covered(a.members)) units.push_back(*u.unit_name);
  std::string covered;
  for (const auto& u : units) covered += (covered.empty() ? "" : ", ") + u.get<std::string>();
  return {{"id", a.id},
          {"title", a.title},
          {"leader", a.leader_name},
          {"starts_on", a.starts_on},
          {"ends_on", a.ends_on},
          {"status", a.status},
          {"status_label", web::t(locale, "arena_status_" + a.status)},
          {"units", covered},
          {"team_size", a.members.size()},
          {"overdue", is_overdue(a, today)}};
}

json arena_detail(const Arena& a, const std::string& locale, const std::string& today,
                  bool may_work) {
  json view = list_row(a, locale, today);
  view["goal"] = a.goal;
  view["outcome"] = a.outcome.value_or("");
  view["has_outcome"] = a.outcome.has_value();
  if (a.signal_id) view["signal_id"] = *a.signal_id;
  view["team"] = team_json(a);
  view["covered_units"] = units_json(a);
  view["unit_count"] = view["covered_units"].size();
  view["project_id"] = a.project_id.value_or("");
  view["grown"] = a.project_id.has_value();
  json steps = json::array();
  if (const auto* pulse = projects::find_template(kPulseTemplate))
    for (const auto& s : pulse_steps(*pulse, a.items))
      steps.push_back(step_json(s, a, locale, may_work));
  view["steps"] = steps;
  json log = json::array();
  for (const auto& e : a.log)
    log.push_back({{"tried", e.tried},
                   {"result", e.result.value_or("")},
                   {"logged_on", e.logged_on},
                   {"by", e.logged_by_name.value_or("")}});
  view["log"] = log;
  view["has_log"] = !a.log.empty();
  return view;
}

}  // namespace arenas
