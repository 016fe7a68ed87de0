#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// The demo project's action plan, once: rows around today (some done, some overdue,
// one dropped) and the redesign map's two before-go-live notes taken into the plan.
void ensure_demo_actions(soci::session& sql, const std::string& tenant_id,
                         const std::string& project_id);

}  // namespace app
