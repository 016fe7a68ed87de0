#include "arenas/arena.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

#include "core/time.hpp"

namespace arenas {
namespace {

using nlohmann::json;

json member_json(const Member& m) {
  return {{"person_id", m.person_id},
          {"name", m.name},
          {"unit_id", m.unit_id ? json(*m.unit_id) : json()},
          {"unit_name", m.unit_name ? json(*m.unit_name) : json()},
          {"leader", m.leader}};
}

json steps_json(const Arena& a) {
  json out = json::array();
  const auto* pulse = projects::find_template(kPulseTemplate);
  if (!a.detailed || pulse == nullptr) return out;
  for (const auto& step : pulse_steps(*pulse, a.items)) {
    json items = json::array();
    for (std::size_t i = 0; i < step.items.size(); ++i) {
      const auto* state = step.items[i];
      items.push_back({{"key", step.phase->items[i].key},
                       {"text", step.phase->items[i].text},
                       {"done", state->done},
                       {"done_by", state->done_by ? json(*state->done_by) : json()},
                       {"done_by_name", state->done_by_name ? json(*state->done_by_name) : json()},
                       {"done_at", state->done_at ? json(*state->done_at) : json()}});
    }
    out.push_back({{"key", step.phase->key},
                   {"name", step.phase->name},
                   {"description", step.phase->description},
                   {"done", step.done},
                   {"total", step.items.size()},
                   {"current", step.current},
                   {"items", items}});
  }
  return out;
}

json log_json(const Arena& a) {
  json out = json::array();
  for (const auto& e : a.log)
    out.push_back({{"id", e.id},
                   {"tried", e.tried},
                   {"result", e.result ? json(*e.result) : json()},
                   {"logged_on", e.logged_on},
                   {"logged_by_name", e.logged_by_name ? json(*e.logged_by_name) : json()}});
  return out;
}

// Functions, not constants: the field table is built while other files' statics start.
json member_schema() {
  return {{"type", "object"},
          {"properties",
           {{"person_id", {{"type", "string"}}},
            {"name", {{"type", "string"}}},
            {"unit_id", {{"type", {"string", "null"}}}},
            {"unit_name", {{"type", {"string", "null"}}}},
            {"leader", {{"type", "boolean"}}}}}};
}

json unit_schema() {
  return {{"type", "object"},
          {"properties", {{"unit_id", {{"type", "string"}}}, {"unit_name", {{"type", "string"}}}}}};
}

}  // namespace

const kit::Fields<Arena>& arena_fields() {
  using Rule = kit::Fields<Arena>::Rule;
  static const kit::Fields<Arena> fields =
      kit::Fields<Arena>()
          .id(&Arena::id)
          .text("title", &Arena::title, {.required = true, .max = kTitleMax})
          .text("goal", &Arena::goal,
                {.required = true, .max = kGoalMax, .describe = "the need the arena answers"})
          .text("leader_id", &Arena::leader_id,
                {.required = true, .max = kIdMax, .describe = "the process leader (a person)"})
          .output("leader_name", &Arena::leader_name)
          .lines("member_ids", &Arena::member_ids, kIdMax, kMaxMembers,
                 {.describe = "people of the tenant, from several units"})
          .computed("members", {{"type", "array"}, {"items", member_schema()}},
                    [](const Arena& a) {
                      json out = json::array();
                      for (const auto& m : a.members) out.push_back(member_json(m));
                      return out;
                    })
          .computed("units", {{"type", "array"}, {"items", unit_schema()}},
                    [](const Arena& a) {
                      json out = json::array();
                      for (const auto& u : units_covered(a.members))
                        out.push_back({{"unit_id", *u.unit_id}, {"unit_name", *u.unit_name}});
                      return out;
                    })
          .date("starts_on", &Arena::starts_on, {.describe = "the time box's start; default today"})
          .date("ends_on", &Arena::ends_on, {.required = true, .describe = "the time box's end"})
          .choice("status", &Arena::status, kStatuses)
          .optional_text("outcome", &Arena::outcome, {.max = kGoalMax})
          .optional_text("signal_id", &Arena::signal_id,
                         {.max = kIdMax,
                          .describe = "the signal the arena was started from",
                          .output_only = true})
          .optional_text(
              "project_id", &Arena::project_id,
              {.max = kIdMax, .describe = "the project the arena grew into", .output_only = true})
          .computed("overdue",
                    {{"type", "boolean"}, {"description", "past ends_on and not done or stopped"}},
                    [](const Arena& a) { return a.overdue; })
          .computed("steps",
                    {{"type", "array"},
                     {"description",
                      "the pulse programme's four steps with their checklists "
                      "(one arena only; a list leaves it empty)"},
                     {"items", {{"type", "object"}}}},
                    steps_json)
          .computed("log",
                    {{"type", "array"},
                     {"description", "what was tried and its result (one arena only)"},
                     {"items", {{"type", "object"}}}},
                    log_json)
          .stamps()
          .check([](const Arena& a, core::Input& in) {
            if (!a.starts_on.empty() && !a.ends_on.empty() && a.ends_on < a.starts_on)
              in.fail("ends_on", core::Message{"arena_err_ends_before_start"});
          });
  return fields;
}

LogEntry parse_log(core::Input& input) {
  LogEntry e;
  e.tried = input.required_text("tried", kGoalMax);
  auto result = input.optional_text("result", kGoalMax);
  if (result && !result->empty()) e.result = result;
  auto on = input.optional_text("logged_on", 10).value_or("");
  if (!on.empty() && !core::is_valid_date(on)) input.fail("logged_on", core::Message{"err.date"});
  e.logged_on = on;
  input.check();
  return e;
}

bool is_finished(const Arena& arena) { return arena.status == "done" || arena.status == "stopped"; }

bool reports_back(const Arena& before, const Arena& after) {
  if (!after.signal_id) return false;
  const bool new_outcome =
      after.outcome && !after.outcome->empty() && after.outcome != before.outcome;
  return new_outcome || (is_finished(after) && !is_finished(before));
}

bool is_overdue(const Arena& arena, const std::string& today) {
  return !is_finished(arena) && !arena.ends_on.empty() && arena.ends_on < today;
}

std::vector<Member> units_covered(const std::vector<Member>& members) {
  std::vector<Member> out;
  std::set<std::string> seen;
  for (const auto& m : members)
    if (m.unit_id && m.unit_name && seen.insert(*m.unit_id).second) out.push_back(m);
  return out;
}

bool may_edit(const Arena& arena, const core::AuthContext& who) {
  if (who.is_admin()) return true;
  if (who.person_id.empty()) return false;
  return who.person_id == arena.leader_id ||
         (arena.created_by && *arena.created_by == who.person_id);
}

bool may_work(const Arena& arena, const core::AuthContext& who) {
  return may_edit(arena, who) ||
         (!who.person_id.empty() && std::find(arena.member_ids.begin(), arena.member_ids.end(),
                                              who.person_id) != arena.member_ids.end());
}

std::vector<Step> pulse_steps(const projects::MethodTemplate& pulse,
                              const std::vector<PulseItem>& items) {
  std::vector<Step> out;
  static const PulseItem kOpen;
  bool current_found = false;
  for (const auto& phase : pulse.phases) {
    Step step{&phase, {}, 0, false};
    for (const auto& ti : phase.items) {
      auto it = std::find_if(items.begin(), items.end(),
                             [&](const PulseItem& p) { return p.item_key == ti.key; });
      const PulseItem* state = it == items.end() ? &kOpen : &*it;
      step.items.push_back(state);
      step.done += state->done ? 1 : 0;
    }
    if (!current_found && step.done < static_cast<int>(step.items.size())) {
      step.current = true;
      current_found = true;
    }
    out.push_back(std::move(step));
  }
  return out;
}

std::string step_label(const std::string& name) {
  std::size_t i = 0;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
  if (i == 0 || i + 1 >= name.size() || name[i] != '.' || name[i + 1] != ' ') return name;
  return name.substr(i + 2);
}

}  // namespace arenas
