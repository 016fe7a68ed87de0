#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "benefits/benefit.hpp"
#include "kpis/kpi.hpp"
#include "kpis/kpi_chart.hpp"
#include "projects/project.hpp"

namespace benefits {

// Completes a project's benefits with what is read with them: each linked KPI with the
// run-chart status the KPI list shows (kpis::evaluate_chart, each chart evaluated once per
// reader), and the benefit's status in the plan for `today`.
class BenefitReader {
 public:
  BenefitReader(soci::session& sql, std::string tenant_id, const std::string& project_id,
                std::string today);
  // With the KPIs the request has already evaluated (kpis::project_standings).
  BenefitReader(soci::session& sql, std::string tenant_id, std::string today,
                const std::vector<kpis::KpiStanding>& standings);
  BenefitReader(const BenefitReader&) = delete;  // it may refer to its own standings
  BenefitReader& operator=(const BenefitReader&) = delete;
  Benefit complete(Benefit b);
  // The realisation plan: the project's benefits by target date, completed.
  std::vector<Benefit> plan(const std::string& project_id);
  std::vector<Benefit> plan(const projects::CheckedProject& project);  // not checked again
  // The project's KPIs by name (a benefit links some of them).
  const std::vector<kpis::Kpi>& project_kpis() const { return kpis_; }

 private:
  const nlohmann::json& kpi_entry(const kpis::KpiStanding& standing);
  std::vector<Benefit> completed(std::vector<Benefit> plan);

  soci::session& sql_;
  std::string tenant_id_;
  std::string today_;
  std::vector<kpis::KpiStanding> own_;  // when the reader evaluated them itself
  const std::vector<kpis::KpiStanding>& standings_;
  std::vector<kpis::Kpi> kpis_;
  std::map<std::string, nlohmann::json> entries_;  // KPI id → its entry
};

}  // namespace benefits
