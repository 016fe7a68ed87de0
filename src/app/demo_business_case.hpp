#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// The demo project's business case: five years that pay back in year 3, approved by a
// steering-group decision, then re-estimated (higher licences, slower gains); the demo
// municipality's hour price. Once.
void ensure_demo_business_case(soci::session& sql, const std::string& tenant_id,
                               const std::string& project_id);

}  // namespace app
