#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// Adds the as-is map (with ideas) and the redesign to the demo project, once.
void ensure_demo_maps(soci::session& sql, const std::string& tenant_id,
                      const std::string& project_id);

}  // namespace app
