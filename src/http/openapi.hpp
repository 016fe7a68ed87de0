#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "http/router.hpp"

namespace http {

// Component schemas, registered by each feature next to its routes.
void register_schema(const std::string& name, nlohmann::json schema);

// The OpenAPI 3.1 document for every /api/v1 route in the router.
nlohmann::json openapi_document(const Router& router);

}  // namespace http
