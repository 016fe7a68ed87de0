#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// One running agile arena of the demo municipality (seed 004): a process leader, members
// from three units, its time box around the day the demo is loaded, the pulse programme's
// first step ticked off and one thing tried. Once; `project_id` is not used (an arena is
// the tenant's, not a project's).
void ensure_demo_arenas(soci::session& sql, const std::string& tenant_id,
                        const std::string& project_id);

}  // namespace app
