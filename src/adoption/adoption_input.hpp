#pragma once

#include "adoption/adoption_store.hpp"
#include "adoption/goal_outcome_store.hpp"
#include "core/auth_context.hpp"
#include "core/input.hpp"

namespace adoption {

// element_id, status, decision (the text, required), decided_on (default today),
// decided_by (default the steering group), meeting_id (optional).
ChangeRequest parse_change(core::Input& input, const core::AuthContext& who);
// kind, goal (the charter's text), outcome, note (optional).
GoalOutcome parse_goal_outcome(core::Input& input);

}  // namespace adoption
