#pragma once

#include <soci/soci.h>

#include "arenas/arena.hpp"
#include "core/auth_context.hpp"
#include "core/input.hpp"
#include "projects/project.hpp"

namespace arenas {

// "Grow into a full project": a project from the method template the input names
// (`template`: any of the tenant's, shipped or its own), made through the projects feature's
// own create, with the arena's title, goal (its purpose), start and the units its team comes
// from; the process leader becomes project leader and the members the project group; the
// arena records the project. All of it or nothing; Conflict when the arena has grown already.
projects::Project grow_into_project(soci::session& sql, const core::AuthContext& who,
                                    const Arena& arena, core::Input& input);

}  // namespace arenas
