// The risk log's part of a status report: the open risks that score highest (after their
// mitigation where it is assessed), the heat map's counts, and a suggestion for the risks area.
#include <algorithm>

#include "risks/risk.hpp"
#include "risks/risk_store.hpp"
#include "status_reports/sections.hpp"

namespace status_reports {
namespace {

using nlohmann::json;

constexpr std::size_t kTopRisks = 5;

// Where a risk stands now: its score after mitigation when that is assessed.
long long current_score(const risks::Risk& r) {
  return risks::score_after(r).value_or(risks::score(r.probability, r.consequence));
}

}  // namespace

SectionProvider risks_section() {
  return {"risks", {"operational", "tactical", "strategic"}, [](const SectionInput& in) {
            risks::RiskStore store(in.sql, in.tenant_id);
            auto all = store.of_project(in.project.id);
            std::vector<risks::Risk> open;
            for (auto& r : all)
              if (r.status != "closed") open.push_back(std::move(r));
            std::stable_sort(open.begin(), open.end(), [](const auto& a, const auto& b) {
              return current_score(a) > current_score(b);
            });
            int high = 0, medium = 0, overdue = 0;
            json items = json::array();
            for (const auto& r : open) {
              const auto band = risks::band(current_score(r), r.bands);
              high += band == "high" ? 1 : 0;
              medium += band == "medium" ? 1 : 0;
              overdue += risks::review_overdue(r, in.today) ? 1 : 0;
              if (items.size() < kTopRisks)
                items.push_back({{"title", r.title},
                                 {"score", current_score(r)},
                                 {"band", band},
                                 {"status", r.status},
                                 {"review_overdue", risks::review_overdue(r, in.today)}});
            }
            Section s{.key = "risks",
                      .data = {{"has_items", !items.empty()},
                               {"items", items},
                               {"open", open.size()},
                               {"high", high},
                               {"overdue_reviews", overdue}}};
            if (high > 0)
              s.suggestions["risks"] = {"red", {"report_suggest_risks_high", {{"n", high}}}};
            else if (medium > 0)
              s.suggestions["risks"] = {"yellow", {"report_suggest_risks_medium", {{"n", medium}}}};
            else
              s.suggestions["risks"] = {"green", {"report_suggest_risks_low", {}}};
            return s;
          }};
}

}  // namespace status_reports
