#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace http {

// One part of a multipart/form-data body (RFC 7578).
struct FormPart {
  std::string name;
  std::optional<std::string> filename;  // set for a file input
  std::string content_type;             // of the part; "" when not given
  std::string data;
};

// Whether a Content-Type header names multipart/form-data.
bool is_multipart(std::string_view content_type);

// The parts of a multipart/form-data body, in order. BadRequest when the header has
// no boundary or the body does not follow it.
std::vector<FormPart> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace http
