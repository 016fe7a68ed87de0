#include "http/error_mapping.hpp"

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

}  // namespace http
