#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// A few signals in the demo tenant, once: staff signals in the job centre's and the social
// services' inboxes (one of them answered), and a citizen's signal to the home care that
// was answered and closed.
void ensure_demo_signals(soci::session& sql, const std::string& tenant_id,
                         const std::string& project_id);

}  // namespace app
