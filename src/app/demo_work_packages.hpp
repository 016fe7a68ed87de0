#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// Three work packages of the demo project over 18 months starting nine months before the
// demo is loaded, financed 30 % by a named fund and 70 % in kind (seed 004's split), with
// actuals for the first nine months, one package slightly over budget. Once.
void ensure_demo_work_packages(soci::session& sql, const std::string& tenant_id,
                               const std::string& project_id);

}  // namespace app
