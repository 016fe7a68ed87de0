#include "benefits/benefit_reader.hpp"

#include <algorithm>
#include <utility>

#include "benefits/benefit_store.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_store.hpp"

namespace benefits {

namespace {

std::vector<kpis::Kpi> kpis_of(const std::vector<kpis::KpiStanding>& standings) {
  std::vector<kpis::Kpi> out;
  out.reserve(standings.size());
  for (const auto& s : standings) out.push_back(s.kpi);
  return out;
}

}  // namespace

BenefitReader::BenefitReader(soci::session& sql, std::string tenant_id,
                             const std::string& project_id, std::string today)
    : sql_(sql), tenant_id_(std::move(tenant_id)), today_(std::move(today)), standings_(own_) {
  kpis::KpiStore store(sql, tenant_id_);
  own_ = kpis::project_standings(store, project_id, today_);
  kpis_ = kpis_of(own_);
}

BenefitReader::BenefitReader(soci::session& sql, std::string tenant_id, std::string today,
                             const std::vector<kpis::KpiStanding>& standings)
    : sql_(sql),
      tenant_id_(std::move(tenant_id)),
      today_(std::move(today)),
      standings_(standings),
      kpis_(kpis_of(standings)) {}

const nlohmann::json& BenefitReader::kpi_entry(const kpis::KpiStanding& standing) {
  const auto& [kpi, points, chart] = standing;
  if (auto it = entries_.find(kpi.id); it != entries_.end()) return it->second;
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
    auto it = std::find_if(standings_.begin(), standings_.end(),
                           [&](const kpis::KpiStanding& s) { return s.kpi.id == id; });
    if (it == standings_.end()) continue;
    const auto& entry = kpi_entry(*it);
    b.kpis.push_back(entry);
    statuses.push_back(entry["chart_status"]);
  }
  b.status = benefit_status(b, statuses, today_);
  return b;
}

std::vector<Benefit> BenefitReader::plan(const std::string& project_id) {
  return completed(BenefitStore(sql_, tenant_id_).of_project(project_id));
}

std::vector<Benefit> BenefitReader::plan(const projects::CheckedProject& project) {
  return completed(BenefitStore(sql_, tenant_id_).of_project(project));
}

std::vector<Benefit> BenefitReader::completed(std::vector<Benefit> plan) {
  for (auto& b : plan) b = complete(std::move(b));
  return plan;
}

}  // namespace benefits
