#pragma once

#include "core/input.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"

namespace org {

// Reads unit and person fields from API JSON or a browser form. On create the
// name is required; on update every field is optional. Call input.check() after.
UnitFields parse_unit_fields(core::Input& input, bool creating);
PersonFields parse_person_fields(core::Input& input, bool creating);

}  // namespace org
