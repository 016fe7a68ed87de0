#include "http/error_mapping.hpp"

#include <array>

#include <spdlog/spdlog.h>

#include "core/errors.hpp"

namespace http {

ErrorInfo classify(const std::exception_ptr& error) {
  ErrorInfo info;
  try {
    std::rethrow_exception(error);
  } catch (const core::ValidationError& e) {
    info = {422, e.code(), e.what(), e.fields(), nullptr, 0, e.message(), e.field_messages()};
    // what() is the first field's text; its key goes with it.
    if (!info.key && !e.fields().empty()) {
      auto first = e.field_messages().find(e.fields().begin()->first);
      if (first != e.field_messages().end()) info.key = first->second;
    }
  } catch (const core::BadRequest& e) {
    info = {400, e.code(), e.what(), {}, nullptr, 0, e.message()};
  } catch (const core::Unauthorized& e) {
    info = {401, e.code(), e.what(), {}, nullptr, 0};
  } catch (const core::Forbidden& e) {
    info = {403, e.code(), e.what(), {}, nullptr, 0, e.message()};
  } catch (const core::NotFound& e) {
    info = {404, e.code(), e.what(), {}, nullptr, 0, e.message()};
  } catch (const core::Conflict& e) {
    info = {409, e.code(), e.what(), {}, e.current(), 0, e.message()};
  } catch (const core::PayloadTooLarge& e) {
    info = {413, e.code(), e.what(), {}, nullptr, 0};
  } catch (const core::TooManyRequests& e) {
    info = {429, e.code(), e.what(), {}, nullptr, e.retry_after_seconds()};
  } catch (const core::Unavailable& e) {
    info = {503, e.code(), e.what(), {}, nullptr, e.retry_after_seconds()};
  } catch (const std::exception& e) {
    spdlog::error("unhandled error: {}", e.what());
  } catch (...) {
    spdlog::error("unhandled non-standard exception");
  }
  return info;
}

nlohmann::json error_body(const ErrorInfo& info) {
  nlohmann::json err = {{"code", info.code}, {"message", info.message}};
  err["fields"] = nlohmann::json::object();
  for (const auto& [k, v] : info.fields) err["fields"][k] = v;
  // The catalogue keys of the texts, for clients that show them in their own language.
  if (info.key) err["message_key"] = info.key->key;
  if (!info.field_messages.empty()) {
    err["field_keys"] = nlohmann::json::object();
    for (const auto& [k, m] : info.field_messages) err["field_keys"][k] = m.key;
  }
  if (!info.current.is_null()) err["current"] = info.current;
  return {{"error", err}};
}

Response json_error(const ErrorInfo& info) {
  auto r = Response::json(info.status, error_body(info));
  if (info.retry_after > 0) r.header("Retry-After", std::to_string(info.retry_after));
  return r;
}

bool is_scim_path(std::string_view path) { return path.rfind("/scim/", 0) == 0; }

Response scim_error(const ErrorInfo& info) {
  static constexpr std::array<std::string_view, 8> kScimTypes = {
      "invalidFilter", "invalidSyntax", "invalidPath", "invalidValue",
      "noTarget",      "mutability",    "tooMany",     "uniqueness"};
  int status = info.status == 422 ? 400 : info.status;
  nlohmann::json body = {{"schemas", {"urn:ietf:params:scim:api:messages:2.0:Error"}},
                         {"status", std::to_string(status)},
                         {"detail", info.message}};
  if (info.status == 422) {
    body["scimType"] = "invalidValue";
    if (!info.fields.empty()) {
      body["detail"] = info.fields.begin()->first + " " + info.fields.begin()->second;
    }
  } else if (info.status == 409) {
    body["scimType"] = "uniqueness";
  } else if (info.status == 400) {
    bool known = false;
    for (auto type : kScimTypes) known = known || info.code == type;
    body["scimType"] = known ? info.code : "invalidSyntax";
  }
  auto r = Response::json(status, body);
  r.content_type = "application/scim+json";
  if (status == 401) r.header("WWW-Authenticate", "Bearer realm=\"scim\"");
  if (info.retry_after > 0) r.header("Retry-After", std::to_string(info.retry_after));
  return r;
}

}  // namespace http
