#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// Twelve stakeholders of the demo project spread over the influence × interest grid:
// people and a unit of the demo municipality, the seed's internal groups and external
// ones; a few next contacts overdue. Once.
void ensure_demo_stakeholders(soci::session& sql, const std::string& tenant_id,
                              const std::string& project_id);

}  // namespace app
