#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "http/router.hpp"

namespace http {

// Component schemas, registered by each feature next to its routes.
void register_schema(const std::string& name, nlohmann::json schema);

// The OpenAPI 3.1 document for every /api/v1 route in the router.
nlohmann::json openapi_document(const Router& router);

// The schema of an import's report (core::import_report) whose rows carry `row_properties`
// besides row, action and errors; `extra` adds properties to the report itself.
nlohmann::json import_report_schema(nlohmann::json row_properties,
                                    nlohmann::json extra = nlohmann::json::object());

}  // namespace http
