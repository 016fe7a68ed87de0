#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "http/error_mapping.hpp"
#include "http/request.hpp"

namespace web {

struct PageOptions {
  std::string title_key;   // catalogue key of the <title> and <h1>
  std::string active_nav;  // "org", "people", "audit", "account"
  int status = 200;
};

// The view every page starts from: the catalogue as `t`, the user, the CSRF token,
// the language switch and the asset URLs.
nlohmann::json base_view(const http::Request& req);

// Renders templates/<name>.mustache (logic-free; HTML-escaped) with `view`.
std::string render_template(const std::string& name, const nlohmann::json& view);

// Renders `name` inside templates/layout/page.mustache.
http::Response page(const http::Request& req, const std::string& name, nlohmann::json view,
                    const PageOptions& options);

// The HTML counterpart of http::json_error.
http::Response error_page(const http::Request& req, const http::ErrorInfo& info);

// Field errors for a form, translated: {"name": "skal udfyldes", …}. `messages` holds
// the fields whose error came as a catalogue key (web::message_text).
nlohmann::json form_errors(const http::Request& req,
                           const std::map<std::string, std::string>& fields,
                           const std::map<std::string, core::Message>& messages = {});
// The same for a refused form's ValidationError.
nlohmann::json validation_errors(const http::Request& req, const core::ValidationError& error);

// An error's message in the reader's language (its Message, or its English text).
std::string error_text(const http::Request& req, const core::Error& error);

}  // namespace web
