#pragma once

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/auth_context.hpp"
#include "http/multipart.hpp"

namespace http {

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  // The query exactly as sent, still URL-encoded: a SAML HTTP-Redirect signature covers the
  // sender's own encoding, which decoding and encoding again need not reproduce.
  std::string raw_query;
  std::map<std::string, std::string> path_params;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::string route_pattern;
  std::string locale = "da";
  bool secure = false;  // https, directly or behind a proxy that says so
  std::optional<core::AuthContext> auth;

  std::optional<std::string> header(const std::string& lower_name) const;
  std::optional<std::string> cookie(const std::string& name) const;
  const std::string& param(const std::string& name) const;
  std::optional<std::string> query_param(const std::string& name) const;
  // Decodes an application/x-www-form-urlencoded body, or the text fields of a
  // multipart/form-data one.
  std::map<std::string, std::string> form() const;
  // The parts of a multipart/form-data body (files with their names); empty otherwise.
  std::vector<FormPart> parts() const;
  bool is_api() const { return path.rfind("/api/", 0) == 0; }
  // The caller's identity; throws Unauthorized if the route forgot to require login.
  const core::AuthContext& who() const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A body too large to build in memory (an export of national size): a file the handler
  // wrote, which the server sends from disk instead of `body`.
  std::shared_ptr<std::FILE> file;

  static Response json(int status, const nlohmann::json& body);
  static Response html(int status, std::string body);
  static Response text(int status, std::string body);
  static Response redirect(const std::string& location);
  // A file to save, never to open in the site's origin: user-supplied content (maps,
  // exports, calendars, reports) always leaves as an attachment, uncached. The
  // pipeline adds the sandboxing Content-Security-Policy to it.
  static Response attachment(std::string content_type, std::string body, std::string_view filename);
  static Response no_content();
  Response& header(std::string name, std::string value);
  // True when the response is a page of the site (HTML shown in the browser), not a
  // download or data.
  bool is_page() const;
};

std::string url_decode(std::string_view s, bool plus_is_space);
std::string url_encode(std::string_view s);
std::map<std::string, std::string> parse_urlencoded(std::string_view s);
// A form body as JSON for showing the form again: the fields named in `lists` (checkboxes
// of one name) gathered into arrays, present even when nothing was ticked; the CSRF token
// left out.
nlohmann::json form_json(std::string_view body, const std::set<std::string>& lists);

}  // namespace http
