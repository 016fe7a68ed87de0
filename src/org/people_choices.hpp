#pragma once

#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

namespace org {

// The tenant's active people as (id, name) pairs for a select, sorted by name; of the
// first `max` people by id.
std::vector<std::pair<std::string, std::string>> active_people(soci::session& sql,
                                                               const std::string& tenant_id,
                                                               int max);
// The tenant's units as (id, name) pairs for a select, sorted by name.
std::vector<std::pair<std::string, std::string>> unit_choices(soci::session& sql,
                                                              const std::string& tenant_id);

}  // namespace org
