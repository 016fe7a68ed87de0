#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// The demo project's kaizen board, once: 20 cards across the four columns, raised
// during the trial's first kaizen meetings, some by staff without an account.
void ensure_demo_kaizen(soci::session& sql, const std::string& tenant_id,
                        const std::string& project_id);

}  // namespace app
