// The budget's part of a status report: budget vs actual for the project and the packages
// spending ahead of their plan, and a suggestion for the budget area.
#include "status_reports/sections.hpp"
#include "work_packages/actual_store.hpp"
#include "work_packages/budget_store.hpp"
#include "work_packages/budget_view.hpp"
#include "work_packages/summary.hpp"
#include "work_packages/work_package_store.hpp"

namespace status_reports {

SectionProvider budget_section() {
  return {"budget", {"tactical", "strategic"}, [](const SectionInput& in) {
            using namespace work_packages;
            const auto& id = in.project.id;
            auto summary = summarise(WorkPackageStore(in.sql, in.tenant_id).of_project(id),
                                     BudgetStore(in.sql, in.tenant_id).of_project(id),
                                     ActualStore(in.sql, in.tenant_id).of_project(id), in.today);
            nlohmann::json over = nlohmann::json::array();
            for (const auto& p : summary.packages)
              if (p.over_plan())
                over.push_back({{"title", p.title},
                                {"actual", money_text(in.locale, p.amounts.actual)},
                                {"planned_to_date", money_text(in.locale, p.planned_to_date)}});
            const auto& project = summary.project;
            Section s{.key = "budget",
                      .data = {{"has_budget", project.budget > 0},
                               {"budget", money_text(in.locale, project.budget)},
                               {"actual", money_text(in.locale, project.actual)},
                               {"remaining", money_text(in.locale, project.remaining())},
                               {"used_share", hundredths_text(in.locale, summary.used_share)},
                               {"has_over_plan", !over.empty()},
                               {"over_plan", over}}};
            if (project.budget <= 0) return s;
            if (project.actual > project.budget)
              s.suggestions["budget"] = {"red", {"report_suggest_budget_over", {}}};
            else if (!over.empty())
              s.suggestions["budget"] = {
                  "yellow",
                  {"report_suggest_budget_ahead", {{"n", static_cast<int>(over.size())}}}};
            else
              s.suggestions["budget"] = {"green", {"report_suggest_budget_on_plan", {}}};
            return s;
          }};
}

}  // namespace status_reports
