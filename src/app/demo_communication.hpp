#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// The demo project's communication plan (eight rows around the day the demo is loaded:
// three done with their reach, two overdue, three ahead) and its training plan for four
// audiences, partly done (one class held as the first kaizen meeting). Once.
void ensure_demo_communication(soci::session& sql, const std::string& tenant_id,
                               const std::string& project_id);

}  // namespace app
