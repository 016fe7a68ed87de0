#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "communication/communication.hpp"
#include "communication/training.hpp"
#include "http/request.hpp"
#include "web/choices.hpp"

namespace communication {

using Form = std::map<std::string, std::string>;

// The forms' fields as the user typed them ("" for one not sent), to show a form again.
nlohmann::json typed_plan_form(const Form& form);
nlohmann::json typed_class_form(const Form& form);
// A stored row or class as its form shows it (numbers and the version as text).
nlohmann::json plan_form_of(const Communication& c);
nlohmann::json class_form_of(const TrainingClass& c);

// The add or edit form of a communication, rendered into `view["form_html"]`: `form` holds
// the values, `errors` the refusals, `action` where it posts; the pickers list the seed's
// stakeholder groups, the tenant's units and its active people (and the stored owner).
void add_plan_form(nlohmann::json& view, soci::session& sql, const http::Request& req,
                   const nlohmann::json& form, const nlohmann::json& errors,
                   const std::string& action, const Communication* stored);
// The same for a class; the meetings offered are the project's.
void add_class_form(nlohmann::json& view, soci::session& sql, const http::Request& req,
                    const nlohmann::json& form, const nlohmann::json& errors,
                    const std::string& action, const std::string& project_id, bool editing);

}  // namespace communication
