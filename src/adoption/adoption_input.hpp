#pragma once

#include "adoption/adoption_store.hpp"
#include "core/auth_context.hpp"
#include "core/input.hpp"

namespace adoption {

// element_id, status, decision (the text, required), decided_on (default today),
// decided_by (default the caller), meeting_id (optional).
ChangeRequest parse_change(core::Input& input, const core::AuthContext& who);

}  // namespace adoption
