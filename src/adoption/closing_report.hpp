#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

namespace adoption {

// The closing report (the sixth KL phase) as data: what was adopted, kept in
// development or cancelled; each KPI's baseline median against the median of its
// last chart period, with the target and whether it was reached; actions done and
// dropped; the decision log; the wins; the lessons learned. NotFound when the
// project is not the tenant's.
nlohmann::json closing_report(soci::session& sql, const std::string& tenant_id,
                              const std::string& project_id, const std::string& locale);

}  // namespace adoption
