#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace scim {

inline constexpr const char* kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
inline constexpr const char* kGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
inline constexpr const char* kEnterpriseSchema =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
inline constexpr const char* kListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

// A SCIM User as fremdrift keeps it: a person (name, e-mail, title, language, active) and the
// identity the provider knows them by (userName, externalId, the name's parts, employee number).
struct User {
  std::string user_name;
  std::optional<std::string> external_id;
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::string name;  // the person's name: displayName, else name.formatted, else the parts
  std::optional<std::string> email;
  std::optional<std::string> title;
  std::optional<std::string> locale;  // da, sv or en
  std::optional<std::string> employee_number;
  bool active = true;
};

// Reads a User from a POST or PUT body (or a patched representation). Attribute names in any
// case; `active` as a boolean or the strings "True"/"False"; `userName` falls back to the
// enterprise extension's employeeNumber, then to the primary e-mail; preferredLanguage "da-DK",
// "sv_SE", "en-US"… becomes da/sv/en and other languages are left unset. Throws
// core::ValidationError naming the SCIM attribute.
User user_from_json(const nlohmann::json& body);

// The resource's JSON. `location` is its address; `meta` dates and version come from the store.
struct Meta {
  std::string id;
  std::string created;
  std::string last_modified;
  long long version = 1;
  std::string location;
};
nlohmann::json user_json(const User& user, const Meta& meta);

// `value` as a boolean: true/false, or a string "true"/"false" in any case (Entra ID sends
// "False"). Throws core::ValidationError(field).
bool boolean(const nlohmann::json& value, const std::string& field);

// "da", "da-DK", "sv_SE", "en-GB"… → da/sv/en; anything else → nullopt.
std::optional<std::string> locale_of(const std::string& language);

// A ListResponse (RFC 7644 §3.4.2).
nlohmann::json list_response(nlohmann::json resources, long long total, long long start_index);

}  // namespace scim
