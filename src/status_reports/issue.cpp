#include "status_reports/issue.hpp"

#include "status_reports/sections.hpp"
#include "status_reports/status_report_store.hpp"
#include "web/i18n.hpp"

namespace status_reports {

StatusReport issue(const projects::ProjectScope& scope, core::Input& input,
                   const Providers& providers) {
  StatusReport typed = report_fields().parse_new(input);
  const std::string today = scope.who().today();
  if (typed.title.empty())
    typed.title = web::t(scope.locale(), "report_title") + " " +
                  (typed.issued_on.empty() ? today : typed.issued_on);
  auto sections = gather(providers, {scope.sql(), scope.tenant_id(), scope.project(),
                                     scope.locale(), typed.level, today});
  return StatusReportStore(scope.sql(), scope.tenant_id())
      .create(&scope.who(), scope.project().id, assemble(std::move(typed), sections));
}

std::vector<Area> suggestions(const projects::ProjectScope& scope, const std::string& level,
                              const Providers& providers) {
  auto sections = gather(providers, {scope.sql(), scope.tenant_id(), scope.project(),
                                     scope.locale(), level, scope.who().today()});
  return assemble(StatusReport{.level = level}, sections).areas;
}

}  // namespace status_reports
