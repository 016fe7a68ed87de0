#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "http/request.hpp"
#include "stakeholders/stakeholder.hpp"

namespace stakeholders {

using Form = std::map<std::string, std::string>;

// The form's fields as the user typed them, to show the form again.
nlohmann::json typed_form(const Form& form);
// A stored stakeholder as the form shows it (numbers and the version as text).
nlohmann::json form_of(const Stakeholder& s);
// The form a new stakeholder starts from: a free name, other, the middle of the grid.
nlohmann::json blank_form();

// The add or edit form, rendered into `view["form_html"]` from `view` (the page's, with
// its catalogue and CSRF token): `form` holds the values, `errors` the refusals, `action`
// where it posts; the pickers list the tenant's active people and its units, and keep the
// `stored` stakeholder's (when editing) even when they are no longer active.
void add_form(nlohmann::json& view, soci::session& sql, const http::Request& req,
              const nlohmann::json& form, const nlohmann::json& errors, const std::string& action,
              const Stakeholder* stored);

}  // namespace stakeholders
