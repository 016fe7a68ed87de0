#pragma once

#include "status_reports/status_report.hpp"

namespace status_reports {

// The sections the features on this branch give a report, each gathered from its own store
// on the day of issue: the phases' checklist progress, milestones (phase gates and meetings
// ahead), overdue actions, KPI trends with their signals (cut by level), benefits at risk
// and the business case's NPV and payback.
SectionProvider phases_section();
SectionProvider milestones_section();
SectionProvider overdue_actions_section();
SectionProvider kpis_section();
SectionProvider benefits_section();
SectionProvider business_case_section();
// The open risks that score highest (risk_section.cpp).
SectionProvider risks_section();
// Budget vs actual and the packages ahead of their plan (budget_section.cpp).
SectionProvider budget_section();

// The sections of a report of `level`: the providers that show on that level, gathered.
std::vector<Section> gather(const Providers& providers, const SectionInput& input);

}  // namespace status_reports
