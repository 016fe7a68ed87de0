#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "http/request.hpp"
#include "projects/project_scope.hpp"
#include "work_packages/timeline.hpp"
#include "work_packages/work_package.hpp"

namespace work_packages {

using Form = std::map<std::string, std::string>;

// The project's milestones for the timeline: phase gates and other decisions from the
// decision log, steering-group meetings.
std::vector<Milestone> milestones_of(const projects::ProjectScope& scope,
                                     const std::string& locale);
// The timeline drawn as SVG coordinates, and its months, bars and marks as the text
// alternative lists them.
nlohmann::json timeline_view(const std::vector<WorkPackage>& packages,
                             const std::vector<Milestone>& milestones, const std::string& today,
                             const std::string& locale, const std::string& project_id);
// A row of the list: the fields with the status's name, the responsible and the late mark.
nlohmann::json row_view(const WorkPackage& wp, const std::string& locale,
                        const std::vector<WorkPackage>& all);

// The posted form as the field table reads it: the ticked participants and dependencies
// (pp_<id>, pu_<id>, dep_<id>) as lists.
Form form_input(const Form& posted);
// The form as the user typed it, to show again; and a stored package as a form.
nlohmann::json typed_form(const Form& posted);
nlohmann::json form_of(const WorkPackage& wp);
nlohmann::json blank_form(const std::string& today);
// The form's HTML with its choices (people, units, the project's other packages) in `view`.
void add_form(nlohmann::json& view, soci::session& sql, const http::Request& req,
              const nlohmann::json& form, const nlohmann::json& errors, const std::string& action,
              const std::vector<WorkPackage>& packages, const WorkPackage* stored);

}  // namespace work_packages
