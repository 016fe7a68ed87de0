#include "adoption/adoption_input.hpp"

#include "projects/project_input.hpp"

namespace adoption {

ChangeRequest parse_change(core::Input& input, const core::AuthContext& who) {
  ChangeRequest c;
  c.element_id = input.required_text("element_id", 200);
  c.status = input.required_choice("status", kStatuses);
  c.decision = projects::parse_gate_decision(input, who, false);
  auto meeting = input.optional_text("meeting_id", 64);
  if (meeting && !meeting->empty()) c.decision.meeting_id = *meeting;
  return c;
}

GoalOutcome parse_goal_outcome(core::Input& input) {
  GoalOutcome g;
  g.kind = input.required_choice("kind", kGoalKinds);
  g.goal = input.required_text("goal", core::kTextMax);
  g.outcome = input.required_choice("outcome", kGoalOutcomes);
  g.note = input.optional_text("note", kGoalNoteMax).value_or("");
  return g;
}

}  // namespace adoption
