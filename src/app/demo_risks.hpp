#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// The demo project's risk log, once: 8 risks spread over the heat map (low, medium and
// high, most with scores after mitigation), one review overdue, one closed, and one that
// occurred with what happens now turned into an action-plan row.
void ensure_demo_risks(soci::session& sql, const std::string& tenant_id,
                       const std::string& project_id);

}  // namespace app
