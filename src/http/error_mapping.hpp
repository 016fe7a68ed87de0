#pragma once

#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/message.hpp"
#include "http/request.hpp"

namespace http {

// The single place where an exception becomes an HTTP status and error body.
struct ErrorInfo {
  int status = 500;
  std::string code = "internal_error";
  std::string message = "internal error";
  std::map<std::string, std::string> fields;
  nlohmann::json current;  // the stored object, for 409
  int retry_after = 0;
  // The message as a catalogue key with parameters, when the error was built from one:
  // pages show it in the reader's language (web::message_text).
  std::optional<core::Message> key;
  std::map<std::string, core::Message> field_messages;
};

ErrorInfo classify(const std::exception_ptr& error);
nlohmann::json error_body(const ErrorInfo& info);
Response json_error(const ErrorInfo& info);

// SCIM clients (requests under /scim/) read errors as RFC 7644 §3.12 writes them:
// {"schemas":[…Error],"status":"400","scimType":…,"detail":…} as application/scim+json. A
// refused field (422 elsewhere) is a 400 "invalidValue" there, a uniqueness clash a 409
// "uniqueness"; a 400's scimType is the error's code when it is one of SCIM's.
bool is_scim_path(std::string_view path);
Response scim_error(const ErrorInfo& info);

}  // namespace http
