#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"

namespace adoption {

// What came of one of the charter's goals, judged for the closing report.
inline const std::vector<std::string> kGoalKinds = {"success_criterion", "result_goal"};
inline const std::vector<std::string> kGoalOutcomes = {"reached", "partly", "not_reached"};
inline constexpr std::size_t kGoalNoteMax = 2000;

struct GoalOutcome {
  std::string kind;                    // success_criterion | result_goal
  std::string goal;                    // the charter's text
  std::optional<std::string> outcome;  // none: not judged yet
  std::string note;
  std::optional<std::string> updated_at;
};

// Outcomes are kept per tenant and project; a goal is named by its kind and its text.
class GoalOutcomeStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;
  // The charter's goals in its order (success criteria, then result goals), each with
  // its outcome. NotFound when the project is not the tenant's.
  std::vector<GoalOutcome> of_project(const std::string& project_id);
  // Records (or replaces) the outcome of a goal the charter has; ValidationError for a
  // goal the charter does not name.
  GoalOutcome set(const core::AuthContext* who, const std::string& project_id,
                  const GoalOutcome& outcome);
};

nlohmann::json to_json(const GoalOutcome& g);

}  // namespace adoption
