#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace scim {

// The one filter form fremdrift answers (RFC 7644 §3.4.2.2, reduced): `attribute eq value`.
// It is what Entra ID and Okta send to find a user or a group before they create it.
struct Filter {
  std::string attribute;  // lower-case, without a schema URN prefix: "username", "name.givenname"
  nlohmann::json value;   // a string, a boolean, a number or null
};

// Longest filter read; a longer one is refused (invalidFilter) before it is parsed.
inline constexpr std::size_t kFilterMax = 1000;

// Parses `text`: attribute names and the operator in any case, the value a JSON literal
// (a string with JSON escapes, true, false, null or a number), spaces around. Anything else
// — another operator, `and`/`or`, parentheses, an unterminated string, trailing text — throws
// core::BadRequest with the code "invalidFilter". The value is only ever compared or bound as a
// parameter, never written into SQL.
Filter parse_filter(std::string_view text);

// As parse_filter, and the attribute must be one of `allowed` (lower-case names).
Filter parse_filter(std::string_view text, const std::vector<std::string>& allowed);

// `name` lower-cased, with a leading core or enterprise schema URN and its ':' left out.
std::string attribute_key(std::string_view name);

// ASCII lower case.
std::string lower(std::string_view text);

}  // namespace scim
