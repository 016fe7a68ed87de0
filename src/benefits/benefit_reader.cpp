#include "benefits/benefit_reader.hpp"

#include <algorithm>
#include <utility>

#include "benefits/benefit_store.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_store.hpp"

namespace benefits {

BenefitReader::BenefitReader(soci::session& sql, std::string tenant_id,
                             const std::string& project_id, std::string today)
    : sql_(sql),
      tenant_id_(std::move(tenant_id)),
      today_(std::move(today)),
      kpis_(kpis::KpiStore(sql, tenant_id_).of_project(project_id)) {}

const nlohmann::json& BenefitReader::kpi_entry(const kpis::Kpi& kpi) {
  if (auto it = entries_.find(kpi.id); it != entries_.end()) return it->second;
  kpis::KpiStore store(sql_, tenant_id_);
  auto points = store.points(kpi.id);
  auto chart = kpis::evaluate_chart(kpi, points, store.periods(kpi.id), today_);
  // The newest signal says where the KPI stands now.
  auto signals = chart.result.signals;
  std::stable_sort(signals.begin(), signals.end(),
                   [](const kpis::Signal& a, const kpis::Signal& b) { return a.to < b.to; });
  std::vector<std::string> effects;
  for (const auto& s : signals)
    effects.push_back(kpis::signal_effect(s, points, chart.result, kpi.direction));
  nlohmann::json entry = {
      {"id", kpi.id},
      {"name", kpi.name},
      {"unit", kpi.unit},
      {"last", kpi.last ? nlohmann::json(kpi.last->value) : nlohmann::json()},
      {"last_period", kpi.last ? nlohmann::json(kpi.last->period) : nlohmann::json()},
      {"due", chart.due},
      {"chart_status", kpi_chart_status(!points.empty(), effects)}};
  return entries_.emplace(kpi.id, std::move(entry)).first->second;
}

Benefit BenefitReader::complete(Benefit b) {
  b.kpis = nlohmann::json::array();
  std::vector<std::string> statuses;
  for (const auto& id : b.kpi_ids) {
    auto it =
        std::find_if(kpis_.begin(), kpis_.end(), [&](const kpis::Kpi& k) { return k.id == id; });
    if (it == kpis_.end()) continue;
    const auto& entry = kpi_entry(*it);
    b.kpis.push_back(entry);
    statuses.push_back(entry["chart_status"]);
  }
  b.status = benefit_status(b, statuses, today_);
  return b;
}

std::vector<Benefit> BenefitReader::plan(const std::string& project_id) {
  auto out = BenefitStore(sql_, tenant_id_).of_project(project_id);
  for (auto& b : out) b = complete(std::move(b));
  return out;
}

}  // namespace benefits
