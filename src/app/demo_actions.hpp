#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// The demo project's action plan, once: rows around today (some done, some overdue,
// one dropped) and the redesign map's two before-go-live notes taken into the plan.
void ensure_demo_actions(soci::session& sql, const std::string& tenant_id,
                         const std::string& project_id);

// Rows that name a demo KPI by its slug ("overdragelser") point at the KPI itself once
// the KPIs exist, so the plan shows the KPI's name with a link. Idempotent.
void link_demo_actions_to_kpis(soci::session& sql, const std::string& tenant_id,
                               const std::string& project_id);

}  // namespace app
