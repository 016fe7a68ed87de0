#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/router.hpp"
#include "kit/pages.hpp"
#include "kit/scope.hpp"
#include "risks/risk.hpp"

namespace risks {

// The risk form's values as typed text: empty for a new risk, a stored risk's, or what was
// posted (shown again after a refused post).
nlohmann::json new_form();
nlohmann::json form_of(const Risk& r);
nlohmann::json typed_form(const std::map<std::string, std::string>& posted);

// The form's fields (templates/risks/form_fields) as HTML; `editing` adds status and what
// happens now.
std::string form_fields_html(const kit::ProjectScope& scope, const http::Request& req,
                             const nlohmann::json& form, const nlohmann::json& errors,
                             bool editing);

// /projects/{id}/risks/{risk}: one risk, its mitigations and history; its forms.
std::vector<kit::PageRoute> risk_page_routes();

}  // namespace risks
