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
// to_phase, decision (text), decided_on (default today), decided_by (default the caller).
// With `gate` false (an ordinary decision) there is no to_phase and the text is required.
GateDecision parse_gate_decision(core::Input& input, const core::AuthContext& who,
                                 bool gate = true);

}  // namespace projects
