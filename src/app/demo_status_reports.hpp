#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// Two status reports on the demo project, issued a month apart for the steering group
// (tactical level), each gathered from the project's data as it stood on its day, with the
// project leader's colours and reasons and a decision asked for. Once.
void ensure_demo_status_reports(soci::session& sql, const std::string& tenant_id,
                                const std::string& project_id);

}  // namespace app
