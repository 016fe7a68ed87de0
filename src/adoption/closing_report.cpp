#include "adoption/closing_report.hpp"

#include "actions/action_store.hpp"
#include "adoption/adoption_store.hpp"
#include "core/time.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_store.hpp"
#include "wins/win_store.hpp"

namespace adoption {
namespace {

using nlohmann::json;

json number(const std::optional<double>& v) { return v ? json(*v) : json(); }

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

  kpis::KpiStore kpi_store(sql, tenant_id);
  json kpi_rows = json::array();
  for (const auto& k : kpi_store.of_project(project_id)) {
    auto points = kpi_store.points(k.id);
    std::vector<kpis::ChartSplit> splits;
    for (const auto& p : kpi_store.periods(k.id)) splits.push_back(p.split);
    auto chart = kpis::evaluate(points, splits,
                                k.rule_set == "ihi" ? kpis::RuleSet::kIhi : kpis::RuleSet::kAnhoej);
    auto ba = before_after(points, chart, k.direction, k.baseline, k.target);
    kpi_rows.push_back({{"id", k.id},
                        {"name", k.name},
                        {"unit", k.unit},
                        {"direction", k.direction},
                        {"baseline_median", number(ba.baseline_median)},
                        {"last_median", number(ba.last_median)},
                        {"last_period", ba.last_label},
                        {"target", number(ba.target)},
                        {"reached", ba.reached},
                        {"points", points.size()}});
  }
  report["kpis"] = kpi_rows;

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
  json wins = json::array();
  for (const auto& w : wins::WinStore(sql, tenant_id).of_project(project_id))
    wins.push_back(wins::to_json(wins::for_reader(w, locale)));
  report["wins"] = wins;
  json lessons = json::array();
  for (const auto& l : LessonStore(sql, tenant_id).of_project(project_id))
    lessons.push_back(to_json(l));
  report["lessons"] = lessons;
  return report;
}

}  // namespace adoption
