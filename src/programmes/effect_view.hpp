#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "programmes/effect_report.hpp"

namespace programmes::effects {

// GET /api/v1/programmes/{id}/effect-report: keys, not labels; values as numbers.
nlohmann::json report_json(const Programme& programme, const EffectReport& report,
                           const std::string& today);

// The printable report's view (templates/programmes/effect_report_body.mustache): labels and
// numbers in `locale`, the summary first, then the detail.
nlohmann::json report_view(const Programme& programme, const EffectReport& report,
                           const std::string& locale, const std::string& today);

// The short summary on the programme's page (templates/programmes/effect_section.mustache).
nlohmann::json summary_view(const Programme& programme, const EffectReport& report,
                            const std::string& locale);

}  // namespace programmes::effects
