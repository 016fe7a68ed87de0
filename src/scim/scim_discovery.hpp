#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace scim {

// The most resources one list answers (ServiceProviderConfig's filter.maxResults).
inline constexpr long long kMaxResults = 200;

// The discovery documents (RFC 7643 §5–7), saying honestly what fremdrift supports: PATCH yes,
// bulk no, `eq` filters yes, sorting no, ETags no, password changes no. `base` is the SCIM base
// address ("https://host/scim/v2" or "/scim/v2").
nlohmann::json service_provider_config(const std::string& base);
nlohmann::json resource_types(const std::string& base);
nlohmann::json schemas(const std::string& base);

}  // namespace scim
