#include "adoption/goal_outcome_store.hpp"

#include <map>
#include <string_view>
#include <utility>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "projects/project_store.hpp"

namespace adoption {
namespace {

constexpr std::string_view kSelect =
    "SELECT kind, goal, outcome, note, updated_at FROM goal_outcomes "
    "WHERE tenant_id = :tenant_id AND project_id = :project_id";
// An outcome is replaced as a whole: delete and insert run portably on both engines.
constexpr std::string_view kDelete =
    "DELETE FROM goal_outcomes WHERE tenant_id = :tenant_id AND project_id = :project_id "
    "AND kind = :kind AND goal = :goal";
constexpr std::string_view kInsert =
    "INSERT INTO goal_outcomes (tenant_id, project_id, kind, goal, outcome, note, updated_by, "
    "updated_at) VALUES (:tenant_id, :project_id, :kind, :goal, :outcome, :note, :updated_by, "
    ":updated_at)";

std::vector<std::pair<std::string, std::string>> charter_goals(const projects::Project& p) {
  std::vector<std::pair<std::string, std::string>> goals;
  for (const auto& g : p.success_criteria) goals.emplace_back("success_criterion", g);
  for (const auto& g : p.result_goals) goals.emplace_back("result_goal", g);
  return goals;
}

}  // namespace

nlohmann::json to_json(const GoalOutcome& g) {
  using nlohmann::json;
  return {{"kind", g.kind},
          {"goal", g.goal},
          {"outcome", g.outcome ? json(*g.outcome) : json()},
          {"note", g.note},
          {"updated_at", g.updated_at ? json(*g.updated_at) : json()}};
}

std::vector<GoalOutcome> GoalOutcomeStore::of_project(const std::string& project_id) {
  auto project = projects::ProjectStore(sql_, tenant_id_).get(project_id);
  std::map<std::pair<std::string, std::string>, GoalOutcome> judged;
  for (const auto& r :
       db::query(sql_, kSelect, {{"tenant_id", tenant_id_}, {"project_id", project_id}})) {
    GoalOutcome g{db::text(r, "kind"), db::text(r, "goal"), db::text(r, "outcome"),
                  db::text(r, "note"), db::text(r, "updated_at")};
    judged[{g.kind, g.goal}] = g;
  }
  std::vector<GoalOutcome> out;
  for (const auto& [kind, goal] : charter_goals(project)) {
    auto found = judged.find({kind, goal});
    out.push_back(found != judged.end() ? found->second : GoalOutcome{kind, goal});
  }
  return out;
}

GoalOutcome GoalOutcomeStore::set(const core::AuthContext* who, const std::string& project_id,
                                  const GoalOutcome& outcome) {
  db::WriteTx tx(sql_);
  auto project = projects::ProjectStore(sql_, tenant_id_).get(project_id);
  bool named = false;
  for (const auto& [kind, goal] : charter_goals(project))
    named = named || (kind == outcome.kind && goal == outcome.goal);
  if (!named) throw core::ValidationError("goal", "is not a goal of the project's charter");
  GoalOutcome stored = outcome;
  stored.updated_at = core::now_iso();
  std::optional<std::string> by;
  if (who != nullptr) by = who->person_id;
  db::execute(sql_, kDelete,
              {{"tenant_id", tenant_id_},
               {"project_id", project_id},
               {"kind", stored.kind},
               {"goal", stored.goal}});
  db::execute(sql_, kInsert,
              {{"tenant_id", tenant_id_},
               {"project_id", project_id},
               {"kind", stored.kind},
               {"goal", stored.goal},
               {"outcome", stored.outcome},
               {"note", stored.note},
               {"updated_by", by},
               {"updated_at", stored.updated_at}});
  auto audited = to_json(stored);
  audited["project_id"] = project_id;
  audit::record(sql_, tenant_id_, who, "goal_outcome", project_id, "update", nullptr, audited);
  tx.commit();
  return stored;
}

}  // namespace adoption
