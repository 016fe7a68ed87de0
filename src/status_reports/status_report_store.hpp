#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "status_reports/status_report.hpp"

namespace status_reports {

// The latest report of a project, as the programme page rolls it up.
struct Latest {
  std::string project_id;
  std::string report_id;
  std::string issued_on;
  std::vector<Area> areas;
};

class StatusReportStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's reports, newest first, with their sections. NotFound when the project is
  // not the tenant's.
  std::vector<StatusReport> of_project(const std::string& project_id);
  // The same without their sections (the history list).
  std::vector<StatusReport> history(const std::string& project_id);
  // One page of them (limit + 1 rows), keyed by issued_on and id, newest first.
  std::vector<StatusReport> list(const std::string& project_id, const http::Page& page);
  StatusReport get(const std::string& id);  // NotFound when not in this tenant
  // Stores an assembled report as it is: it is never changed afterwards.
  StatusReport create(const core::AuthContext* who, const std::string& project_id,
                      const StatusReport& report);
  // The report issued before `report` in its project, if any.
  std::optional<StatusReport> previous(const StatusReport& report);
  // Each project's latest report (its areas only), for projects of any tenant:
  // (tenant_id, project_id) pairs, as a programme attaches them.
  static std::vector<Latest> latest_of(
      soci::session& sql, const std::vector<std::pair<std::string, std::string>>& projects);
};

}  // namespace status_reports
