#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// Four benefits on the demo project across the triple bottom line, with the deliverables
// and changes of its gevinstdiagram: one realised by a steering-group decision, one on track
// by the waiting-time KPI's signal, one at risk (past its date, no signal), one awaiting its
// first signal; and the benefit roles (seed 003) held. Once.
void ensure_demo_benefits(soci::session& sql, const std::string& tenant_id,
                          const std::string& project_id);

}  // namespace app
