#include "http/pipeline.hpp"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "http/json_writer.hpp"

namespace http {
namespace {

// A caller that sends JSON reads JSON: its errors too, wherever the route lives (the answer
// through a survey link, a citizen's signal).
bool sends_json(const Request& req) {
  return req.header("content-type").value_or("").rfind("application/json", 0) == 0;
}

// The address as the access log keeps it: a secret that travels in it (a signal's private
// link `{token}`, a survey's personal link `{link}`) is left out, or the log would tie the
// link to the moment it was used.
std::string logged_path(const Request& req) {
  std::string path = req.path;
  for (const char* secret : {"token", "link"}) {
    const std::string& value = req.param(secret);
    if (value.empty()) continue;
    if (auto at = path.find(value); at != std::string::npos) path.replace(at, value.size(), "…");
  }
  return path;
}

constexpr std::string_view kDataPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

bool changes_state(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool safe_request_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

Response Pipeline::dispatch(Request& req) {
  if (req.body.size() > kMaxBodyBytes) {
    throw core::PayloadTooLarge("request bodies are limited to 10 MB");
  }
  auto match = router_.match(req.method, req.path);
  if (match.route == nullptr) {
    req.route_pattern = match.path_matched ? "(method not allowed)" : "(unmatched)";
    if (match.path_matched) {
      ErrorInfo info{405, "method_not_allowed", "this method is not allowed here", {}, nullptr, 0};
      return is_scim_path(req.path) ? scim_error(info) : json_error(info);
    }
    throw core::NotFound("no such page or endpoint: " + req.path);
  }
  const Route& route = *match.route;
  req.route_pattern = route.pattern;
  req.path_params = std::move(match.params);

  if (hooks_.authenticate && route.identify) req.auth = hooks_.authenticate(req);
  if (hooks_.resolve_locale) hooks_.resolve_locale(req);

  if (route.access != Access::kPublic && !req.auth) {
    if (!req.is_api() && req.method == "GET") {
      return Response::redirect("/login?next=" + url_encode(req.path));
    }
    throw core::Unauthorized("log in first, or send an API token");
  }
  if (route.access == Access::kAdmin && !req.auth->is_admin()) {
    throw core::Forbidden("only a tenant administrator may do this");
  }
  if (changes_state(req.method) && req.auth && !req.auth->via_token && !route.csrf_exempt) {
    auto sent = req.header("x-csrf-token");
    if (!sent) {
      auto form = req.form();
      auto it = form.find("_csrf");
      if (it != form.end()) sent = it->second;
    }
    if (!sent || *sent != req.auth->csrf_token) {
      throw core::Forbidden("missing or wrong CSRF token; reload the page and try again",
                            "csrf_failed");
    }
  }
  return route.handler(req);
}

// PostgreSQL restarted or failed over under a request: its connection broke, and the next
// lease opens a new one. A read is run once more on it, so a restart costs readers nothing.
// A write is not: its transaction may or may not have committed before the break, so it is
// answered 503 and the client looks before it sends the change again (docs/reliability.md).
Response Pipeline::dispatch_again_if_lost(Request& req) {
  if (!hooks_.connection_lost) return dispatch(req);
  hooks_.connection_lost();  // a break noticed before this request is not this request's
  try {
    return dispatch(req);
  } catch (...) {
    if (!hooks_.connection_lost()) throw;
    if (req.method != "GET" && req.method != "HEAD") {
      throw core::Unavailable(
          "the database connection broke while the change was being saved; it may or may not "
          "have been saved — look before sending it again",
          "connection_lost");
    }
  }
  spdlog::warn(R"({{"msg":"database connection lost under a read; running it again"}})");
  req.auth.reset();
  try {
    return dispatch(req);
  } catch (...) {
    if (hooks_.connection_lost()) throw core::Unavailable("the database is not reachable");
    throw;
  }
}

Response Pipeline::handle(Request& req) {
  auto started = std::chrono::steady_clock::now();
  auto incoming_id = req.header("x-request-id");
  req.request_id = incoming_id && safe_request_id(*incoming_id) ? *incoming_id : core::new_id();

  Response response;
  std::string error_code;
  try {
    response = dispatch_again_if_lost(req);
  } catch (...) {
    ErrorInfo info = classify(std::current_exception());
    error_code = info.code;
    if (is_scim_path(req.path)) {
      response = scim_error(info);
    } else if (req.is_api() || sends_json(req) || !hooks_.html_error) {
      response = json_error(info);
    } else {
      response = hooks_.html_error(req, info);
    }
  }
  response.header("X-Request-Id", req.request_id);
  response.header("X-Content-Type-Options", "nosniff");
  response.header("Referrer-Policy", "same-origin");
  if (response.is_page()) {
    // Only our own scripts run; no page may be framed (clickjacking); forms post home.
    response.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; font-src 'self' data:; "
        "style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    response.header("X-Frame-Options", "DENY");
  } else {
    // Everything else (JSON, maps, exports, downloads, assets) is data: should a browser
    // ever render it as a document, it runs in a sandbox with an opaque origin, loads
    // nothing and runs no script.
    response.header("Content-Security-Policy", std::string(kDataPolicy));
  }

  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe(req.method, req.route_pattern.empty() ? "(unmatched)" : req.route_pattern,
                   response.status, seconds);
  if (spdlog::should_log(spdlog::level::info)) {
    // Written as text with ts and level first: the JSON log formatter copies such a line as
    // it is instead of parsing it again (the access log is the hottest log line).
    std::string line = R"({"ts":")" + core::now_iso() + R"(","level":"info","request_id":)";
    write_json_string(line, req.request_id);
    const auto field = [&line](std::string_view name, std::string_view value) {
      line.append(",\"").append(name).append("\":");
      write_json_string(line, value);
    };
    field("method", req.method);
    field("path", logged_path(req));
    field("route", req.route_pattern);
    line.append(fmt::format(R"(,"status":{},"ms":{:.3f})", response.status, seconds * 1000.0));
    // An answer to a survey is logged without its address: the address and the moment
    // together could point at who sent it.
    if (req.param("link").empty()) field("remote", req.remote_address);
    if (req.auth) field("tenant", req.auth->tenant_slug);
    if (!error_code.empty()) field("error", error_code);
    line += '}';
    spdlog::info("{}", line);
  }
  return response;
}

}  // namespace http
