#pragma once

#include <map>
#include <string>

namespace sso {

struct HttpAnswer {
  long status = 0;
  std::string body;
};

// One request to an identity provider through libcurl (D48): TLS verified, no redirects
// followed, a 10-second limit. A POST sends `form` url-encoded, with HTTP Basic credentials
// when `basic_user` is set; a GET with a bearer token when `bearer` is set. Throws
// core::Unavailable when the provider cannot be reached.
struct HttpCall {
  std::string url;
  std::map<std::string, std::string> form;  // POST when not empty
  std::string basic_user;
  std::string basic_password;
  std::string bearer;
  std::string accept = "application/json";
};
HttpAnswer http_call(const HttpCall& call);

// application/x-www-form-urlencoded, as a query or a form body.
std::string url_encode(const std::string& value);
std::string form_encode(const std::map<std::string, std::string>& fields);

}  // namespace sso
