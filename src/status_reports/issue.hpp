#pragma once

#include "core/input.hpp"
#include "projects/project_scope.hpp"
#include "status_reports/status_report.hpp"

namespace status_reports {

// The report issued from `input` (report_fields()) on the project of `scope`: the sections
// its level shows gathered now, the typed areas over the suggestions, stored frozen.
StatusReport issue(const projects::ProjectScope& scope, core::Input& input,
                   const Providers& providers);
// What a new report would say today at `level`: the areas with their suggestions (the
// issue form's defaults).
std::vector<Area> suggestions(const projects::ProjectScope& scope, const std::string& level,
                              const Providers& providers);

}  // namespace status_reports
