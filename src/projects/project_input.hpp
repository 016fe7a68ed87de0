#pragma once

#include "core/auth_context.hpp"
#include "core/input.hpp"
#include "projects/method_template.hpp"
#include "projects/project_store.hpp"
#include "projects/template_store.hpp"

namespace projects {

// The `template` field: the key of one of `available` (shipped or the tenant's own).
// Records a problem in `input` and returns nullptr when unknown.
const MethodTemplate* parse_template_choice(core::Input& input,
                                            const std::vector<TenantTemplate>& available);
ItemFields parse_item_fields(core::Input& input);
// to_phase, decision (text), decided_on (default today), decided_by (default the body
// that takes the decision, `body`: a meeting kind, see decision_body). The person who
// types it in is not the one who decides; the store keeps them as created_by.
// With `gate` false (an ordinary decision) there is no to_phase and the text is required.
GateDecision parse_gate_decision(core::Input& input, const core::AuthContext& /*who*/,
                                 bool gate = true, const std::string& body = "steering_group");
// A body that decides, by the kind of its meeting (steering_group, project_group,
// kaizen), stored as a message so every reader sees it in their language.
std::string decision_body(const std::string& kind);

}  // namespace projects
