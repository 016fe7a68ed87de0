#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"

namespace audit {

// The changed fields between two JSON snapshots: {"name":{"before":…,"after":…}}.
// Bookkeeping fields (version, timestamps) are left out.
nlohmann::json diff(const nlohmann::json& before, const nlohmann::json& after);

// Records one write inside the caller's transaction. `before` is null for a
// create, `after` null for a delete. A null `who` means the system (CLI, demo).
void record(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
            const std::string& entity, const std::string& entity_id, const std::string& action,
            const nlohmann::json& before, const nlohmann::json& after);

}  // namespace audit
