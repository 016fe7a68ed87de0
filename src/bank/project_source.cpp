#include "bank/project_source.hpp"

#include <string_view>

#include "actions/action_store.hpp"
#include "adoption/adoption_store.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "kpis/kpi_chart.hpp"
#include "maps/map_store.hpp"
#include "projects/project_store.hpp"

namespace bank {
namespace {

constexpr std::string_view kPeople =
    "SELECT id, name, email FROM people WHERE tenant_id = :tenant_id";
constexpr std::string_view kUnits = "SELECT id FROM units WHERE tenant_id = :tenant_id";

KpiFigure figure_of(const kpis::KpiStanding& s) {
  const auto& k = s.kpi;
  KpiFigure f{k.name,     k.definition, k.unit,   k.direction,  k.frequency,
              k.category, k.baseline,   k.target, std::nullopt, std::nullopt};
  // The median of the period's own points: a trial period frozen without an end keeps the
  // baseline's median as its centre line, which is not what the trial measured.
  auto median = [&s](const kpis::PeriodResult& p) -> std::optional<double> {
    std::vector<double> values;
    for (std::size_t i = p.first; i < p.first + p.count && i < s.points.size(); ++i)
      values.push_back(s.points[i].value);
    if (values.empty()) return std::nullopt;
    return kpis::median_of(values);
  };
  const auto& periods = s.chart.result.periods;
  if (!periods.empty()) f.median_before = median(periods.front());
  if (periods.size() > 1) f.median_after = median(periods.back());
  return f;
}

}  // namespace

ProjectSource read_project(soci::session& sql, const std::string& tenant_id,
                           const std::string& project_id) {
  ProjectSource src;
  auto project = projects::ProjectStore(sql, tenant_id).get(project_id);
  src.title = project.title;
  src.method = project.template_key;

  maps::MapStore maps(sql, tenant_id);
  std::optional<std::string> as_is, redesign;
  for (const auto& m : maps.list(project_id)) {
    if (m.kind == "as_is") as_is = m.id;
    if (m.kind == "redesign") redesign = m.id;
  }
  if (as_is) src.as_is_xml = maps.xml(*as_is);
  if (redesign) src.redesign_xml = maps.xml(*redesign);

  kpis::KpiStore kpi_store(sql, tenant_id);
  for (const auto& s : kpis::project_standings(kpi_store, project_id, core::nordic_local_today()))
    src.kpis.push_back(figure_of(s));
  for (const auto& a : actions::ActionStore(sql, tenant_id).of_project(project_id))
    src.tasks.push_back({a.task, a.effect.value_or(""), a.how.value_or("")});
  for (const auto& l : adoption::LessonStore(sql, tenant_id).of_project(project_id))
    src.lessons.push_back(l.text);

  src.sensitive.ids = {tenant_id, project_id};
  for (const auto& r : db::query(sql, kPeople, {{"tenant_id", tenant_id}})) {
    src.sensitive.people.push_back({db::text(r, "name"), db::opt_text(r, "email")});
    src.sensitive.ids.push_back(db::text(r, "id"));
  }
  for (const auto& r : db::query(sql, kUnits, {{"tenant_id", tenant_id}}))
    src.sensitive.ids.push_back(db::text(r, "id"));
  return src;
}

}  // namespace bank
