#include "adoption/closing_report.hpp"

#include <map>

#include "actions/action_store.hpp"
#include "adoption/adoption_store.hpp"
#include "adoption/goal_outcome_store.hpp"
#include "core/time.hpp"
#include "kpis/kpi.hpp"
#include "kpis/kpi_store.hpp"
#include "maps/map_store.hpp"
#include "projects/project_store.hpp"
#include "wins/win_store.hpp"

namespace adoption {
namespace {

using nlohmann::json;

json number(const std::optional<double>& v) { return v ? json(*v) : json(); }

json kpi_rows(soci::session& sql, const std::string& tenant_id, const std::string& project_id,
              const std::map<std::string, std::string>& target_wins) {
  kpis::KpiStore kpi_store(sql, tenant_id);
  json rows = json::array();
  for (const auto& k : kpi_store.of_project(project_id)) {
    auto points = kpi_store.points(k.id);
    std::vector<kpis::ChartSplit> splits;
    for (const auto& p : kpi_store.periods(k.id)) splits.push_back(p.split);
    auto chart = kpis::evaluate(points, splits,
                                k.rule_set == "ihi" ? kpis::RuleSet::kIhi : kpis::RuleSet::kAnhoej);
    auto ba = before_after(points, chart, k.direction, k.baseline, k.target);
    if (ba.last_label.empty() && ba.after_from) {
      const auto freq = kpis::frequency_of(k.frequency);
      ba.last_label = kpis::format_period(freq, *ba.after_from) + " – " +
                      kpis::format_period(freq, *ba.after_to);
    }
    auto won = target_wins.find(k.id);
    rows.push_back(
        {{"id", k.id},
         {"name", k.name},
         {"unit", k.unit},
         {"direction", k.direction},
         {"baseline_median", number(ba.baseline_median)},
         {"baseline_source", ba.baseline_from_period ? "period" : "stated"},
         {"baseline_period", ba.baseline_label},
         {"last_median", number(ba.last_median)},
         {"last_period", ba.last_label},
         {"target", number(ba.target)},
         {"reached", ba.reached},
         {"target_first_reached_on", won == target_wins.end() ? json() : json(won->second)},
         {"points", points.size()}});
  }
  return rows;
}

}  // namespace

json closing_report(soci::session& sql, const std::string& tenant_id, const std::string& project_id,
                    const std::string& locale) {
  auto project = projects::ProjectStore(sql, tenant_id).get(project_id);
  json report = {
      {"project", {{"id", project.id}, {"title", project.title}, {"phase", project.phase_key}}},
      {"generated_at", core::now_iso()}};

  auto overview = AdoptionStore(sql, tenant_id).overview(project_id);
  json by_status = {{"adopted", json::array()},
                    {"keep_developing", json::array()},
                    {"cancelled", json::array()},
                    {"trial", json::array()}};
  for (const auto& s : overview.steps) by_status[s.status].push_back(to_json(s));
  report["adoption"] = by_status;
  report["adoption"]["share"] = to_json(overview)["share"];
  report["adoption"]["map"] = to_json(overview)["map"];

  // The wins log's automatic "target reached" entries by KPI, so a reader sees when a
  // single measurement first reached the target.
  std::map<std::string, std::string> target_wins;
  json wins = json::array();
  for (const auto& w : wins::WinStore(sql, tenant_id).of_project(project_id)) {
    if (w.source_key && w.source_key->rfind("kpi:", 0) == 0)
      target_wins[w.source_key->substr(4)] = w.happened_on;
    wins.push_back(wins::to_json(wins::for_reader(w, locale)));
  }
  report["kpis"] = kpi_rows(sql, tenant_id, project_id, target_wins);
  json goals = json::array();
  for (const auto& g : GoalOutcomeStore(sql, tenant_id).of_project(project_id))
    goals.push_back(to_json(g));
  report["goals"] = goals;
  report["maps"] = maps::MapStore(sql, tenant_id).comparison(project_id);

  json done = json::array(), dropped = json::array();
  int open = 0;
  for (const auto& a : actions::ActionStore(sql, tenant_id).of_project(project_id)) {
    json row = {{"id", a.id},
                {"task", a.task},
                {"responsible", a.responsible_name ? json(*a.responsible_name) : json()},
                {"deadline", a.deadline ? json(*a.deadline) : json()}};
    if (a.status == "done")
      done.push_back(row);
    else if (a.status == "dropped")
      dropped.push_back(row);
    else
      ++open;
  }
  report["actions"] = {{"done_count", done.size()},
                       {"dropped_count", dropped.size()},
                       {"open_count", open},
                       {"done", done},
                       {"dropped", dropped}};

  report["decisions"] = projects::ProjectStore(sql, tenant_id).decisions(project_id, "", locale);
  report["wins"] = wins;
  json lessons = json::array();
  for (const auto& l : LessonStore(sql, tenant_id).of_project(project_id))
    lessons.push_back(to_json(l));
  report["lessons"] = lessons;
  return report;
}

}  // namespace adoption
