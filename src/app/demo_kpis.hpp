#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// Five KPIs on the demo project with 12 baseline and 16 trial weeks ending last
// week, a split at the trial start with the baseline median frozen; once.
void ensure_demo_kpis(soci::session& sql, const std::string& tenant_id,
                      const std::string& project_id);

}  // namespace app
