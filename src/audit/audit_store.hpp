#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

namespace audit {

// Newest first. Returns up to limit+1 entries (the extra one tells there are more).
nlohmann::json list_entries(soci::session& sql, const std::string& tenant_id,
                            const std::string& entity, const std::string& before_id, int limit);

// The name or title of the unit, person, project, meeting, benefit, risk, KPI, action row …
// with this id in the tenant, for readable entries.
std::optional<std::string> display_name(soci::session& sql, const std::string& tenant_id,
                                        const std::string& id);

}  // namespace audit
