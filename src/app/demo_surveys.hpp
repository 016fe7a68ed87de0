#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// The demo municipality's survey (issue 17, seed 002): the short social-capital questions
// asked of everyone before the project and again after its trial, both rounds closed with
// most people answering, and the index feeding a KPI of the project. Once.
void ensure_demo_surveys(soci::session& sql, const std::string& tenant_id,
                         const std::string& project_id);

}  // namespace app
