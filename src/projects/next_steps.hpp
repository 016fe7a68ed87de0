#pragma once

// "Næste skridt": what the project should do now, worked out from its state. Projects knows
// its checklist and roles; the features built on it (maps, KPIs, meetings) add their own
// through a NextStepSource, as they add page sections.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/message.hpp"
#include "http/request.hpp"
#include "projects/project_scope.hpp"

namespace projects {

struct NextStep {
  core::Message text;
  std::string href;      // where it is done
  std::string link_key;  // catalogue key of the link's text
  // A one-click action instead: a form posting `fields` to `action`, its button `button_key`.
  std::string action;
  std::vector<std::pair<std::string, std::string>> fields;
  std::string button_key;
};

using NextStepSource = std::function<std::vector<NextStep>(const ProjectScope& scope)>;

// The steps projects itself knows: the open items of the current phase (`open_in_phase`,
// counted by the caller, who has read them), and involved units whose manager is missing
// from the steering group (added with one click by someone who may).
std::vector<NextStep> own_next_steps(const ProjectScope& scope, int open_in_phase);

// The steps for the overview's panel, in the reader's language.
nlohmann::json next_steps_view(const http::Request& req, const std::vector<NextStep>& steps);

}  // namespace projects
