#include "http/request.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "http/json_writer.hpp"

namespace http {

std::optional<std::string> Request::header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return std::nullopt;
}

std::optional<std::string> Request::cookie(const std::string& name) const {
  auto raw = header("cookie");
  if (!raw) return std::nullopt;
  std::string_view s = *raw;
  while (!s.empty()) {
    auto semi = s.find(';');
    auto part = s.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

const std::string& Request::param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = path_params.find(name);
  return it == path_params.end() ? kEmpty : it->second;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::map<std::string, std::string> Request::form() const {
  auto type = header("content-type");
  if (type && is_multipart(*type)) {
    // The text fields only (the CSRF token among them); files through parts().
    std::map<std::string, std::string> out;
    for (auto& p : parse_multipart(*type, body))
      if (!p.filename) out.emplace(p.name, std::move(p.data));
    return out;
  }
  return parse_urlencoded(body);
}

std::vector<FormPart> Request::parts() const {
  auto type = header("content-type");
  if (!type || !is_multipart(*type)) return {};
  return parse_multipart(*type, body);
}

const core::AuthContext& Request::who() const {
  if (!auth) throw core::Unauthorized();
  return *auth;
}

Response Response::json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  write_json(r.body, body);
  return r;
}

Response Response::html(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::text(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.headers.emplace_back("Location", location);
  return r;
}

Response Response::attachment(std::string content_type, std::string body,
                              std::string_view filename) {
  Response r;
  r.status = 200;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  // Only a plain file name: no quotes, separators or control characters can end up in
  // the header or steer where the file is saved.
  std::string safe;
  for (char c : filename) {
    auto u = static_cast<unsigned char>(c);
    safe += std::isalnum(u) || c == '-' || c == '_' || c == '.' ? c : '_';
  }
  if (safe.empty() || safe[0] == '.') safe.insert(0, "download");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + safe + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

bool Response::is_page() const {
  if (content_type.rfind("text/html", 0) != 0) return false;
  return std::none_of(headers.begin(), headers.end(), [](const auto& h) {
    return h.first == "Content-Disposition" && h.second.rfind("attachment", 0) == 0;
  });
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response& Response::header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < s.size() &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string url_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

namespace {

// Calls `field(key, value)` for each part of a urlencoded body, decoded; the value is
// nullopt for a part without '='.
template <typename Field>
void for_each_field(std::string_view s, Field field) {
  while (!s.empty()) {
    auto amp = s.find('&');
    auto part = s.substr(0, amp);
    auto eq = part.find('=');
    if (!part.empty()) {
      if (eq == std::string_view::npos) {
        field(url_decode(part, true), std::nullopt);
      } else {
        field(url_decode(part.substr(0, eq), true), url_decode(part.substr(eq + 1), true));
      }
    }
    if (amp == std::string_view::npos) break;
    s.remove_prefix(amp + 1);
  }
}

}  // namespace

std::map<std::string, std::string> parse_urlencoded(std::string_view s) {
  std::map<std::string, std::string> out;
  for_each_field(s, [&](std::string key, std::optional<std::string> value) {
    out.emplace(std::move(key), std::move(value).value_or(""));
  });
  return out;
}

nlohmann::json form_json(std::string_view body, const std::set<std::string>& lists) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& name : lists) out[name] = nlohmann::json::array();
  for_each_field(body, [&](const std::string& key, const std::optional<std::string>& value) {
    if (!value || key == "_csrf") return;
    if (lists.count(key) != 0) {
      out[key].push_back(*value);
    } else {
      out[key] = *value;
    }
  });
  return out;
}

}  // namespace http
