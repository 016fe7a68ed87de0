#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// Two adopted steps and one kept in development on the demo project's redesign, each
// by a recorded steering-group decision; wins and lessons learned; once.
void ensure_demo_adoption(soci::session& sql, const std::string& tenant_id,
                          const std::string& project_id);

}  // namespace app
