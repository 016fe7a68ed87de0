#pragma once

// The kit's scope is the projects library's: one tenant and rights check for every route.
#include "projects/project_scope.hpp"

namespace kit {

using projects::ProjectRight;
using projects::ProjectScope;

}  // namespace kit
