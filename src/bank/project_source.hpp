#pragma once

#include <string>

#include <soci/soci.h>

#include "bank/snapshot.hpp"

namespace bank {

// Reads what a bank entry copies from one project of the tenant: its newest as-is and
// redesign maps, its KPIs with the medians of their run charts' first and last periods, the
// action plan, the lessons learned, and the people and ids the copy must not carry.
ProjectSource read_project(soci::session& sql, const std::string& tenant_id,
                           const std::string& project_id);

}  // namespace bank
