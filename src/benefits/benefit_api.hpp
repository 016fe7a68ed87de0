#pragma once

#include <string>

#include "benefits/benefit_store.hpp"
#include "core/input.hpp"

namespace benefits {

// A judgement from the API or the form: realisation (realised, partly, not_realised) and
// reason required, decided_on (default `today`), decided_by (default the steering group).
// Throws ValidationError naming the fields.
Judgement parse_judgement(core::Input& input, const std::string& today);

}  // namespace benefits
