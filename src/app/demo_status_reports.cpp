#include "app/demo_status_reports.hpp"

#include "app/app.hpp"
#include "core/time.hpp"
#include "projects/project_store.hpp"
#include "status_reports/sections.hpp"
#include "status_reports/status_report_store.hpp"

namespace app {
namespace {

using status_reports::Area;
using status_reports::StatusReport;

StatusReport typed(const std::string& title, const std::string& day, std::vector<Area> areas,
                   std::vector<std::string> decisions) {
  StatusReport r;
  r.level = "tactical";
  r.title = title;
  r.issued_on = day;
  r.areas = std::move(areas);
  r.decisions = std::move(decisions);
  return r;
}

}  // namespace

void ensure_demo_status_reports(soci::session& sql, const std::string& tenant_id,
                                const std::string& project_id) {
  status_reports::StatusReportStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  auto project = projects::ProjectStore(sql, tenant_id).get(project_id);
  auto providers = report_sections();
  const std::string today = core::nordic_local_today();
  const std::string month_ago = core::plus_days(today, -30);
  auto issue = [&](const StatusReport& r) {
    auto sections =
        status_reports::gather(providers, {sql, tenant_id, project, "da", r.level, r.issued_on});
    store.create(nullptr, project_id, status_reports::assemble(r, sections));
  };
  issue(typed("Statusrapport til styregruppen", month_ago,
              {{.key = "time", .reason = "Kortlægningen tog en uge længere end planlagt."},
               {.key = "budget", .colour = "green", .reason = "Forbruget følger planen."},
               {.key = "scope", .colour = "green", .reason = "Ingen ændringer i omfanget."},
               {.key = "risks",
                .colour = "yellow",
                .reason = "Ferieperioden kan forsinke afprøvningen i Jobcenter Nord."}},
              {"Godkend, at afprøvningen udvides til Familieafdelingen."}));
  issue(typed("Statusrapport til styregruppen", today,
              {{.key = "time", .reason = "To handlinger er over fristen efter ferien."},
               {.key = "budget",
                .colour = "yellow",
                .reason = "Licensudgiften er steget; business casen holder stadig."},
               {.key = "scope", .colour = "green", .reason = "Ingen ændringer i omfanget."},
               {.key = "risks", .colour = "green", .reason = "Afprøvningen kom godt i gang."}},
              {"Godkend overgangen til næste fase ved næste møde.",
               "Udpeg en gevinstejer i Familieafdelingen."}));
}

}  // namespace app
