#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/message.hpp"

namespace core {

// The one family of typed errors. Each maps to exactly one HTTP status in
// http/error_mapping.cpp; nothing else in the code base chooses an error status.
// An error built from a core::Message keeps it, so that pages show it in the reader's
// language; what() is its English text (what API clients read). Errors built from an
// English text only are translated by that text (web::translate_message).
class Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  Error(std::string code, const Message& message)
      : std::runtime_error(english(message)), code_(std::move(code)), message_(message) {}
  const std::string& code() const { return code_; }
  const std::optional<Message>& message() const { return message_; }

 private:
  std::string code_;
  std::optional<Message> message_;
};

// 400: the request cannot be read at all (malformed JSON, wrong content type).
class BadRequest : public Error {
 public:
  explicit BadRequest(const std::string& message, std::string code = "bad_request")
      : Error(std::move(code), message) {}
  explicit BadRequest(const Message& message, std::string code = "bad_request")
      : Error(std::move(code), message) {}
};

// 422: the request was read but a field is wrong. `fields` names each bad field.
class ValidationError : public Error {
 public:
  ValidationError(const std::string& field, const std::string& message)
      : Error("validation_failed", message) {
    fields_[field] = message;
  }
  ValidationError(const std::string& field, const Message& message)
      : Error("validation_failed", message) {
    fields_[field] = what();
    messages_[field] = message;
  }
  // `messages`: the fields whose text came from a Message (a subset of `fields`).
  explicit ValidationError(std::map<std::string, std::string> fields,
                           std::map<std::string, Message> messages = {})
      : Error("validation_failed", fields.empty() ? "invalid input" : fields.begin()->second),
        fields_(std::move(fields)),
        messages_(std::move(messages)) {}
  const std::map<std::string, std::string>& fields() const { return fields_; }
  const std::map<std::string, Message>& field_messages() const { return messages_; }

 private:
  std::map<std::string, std::string> fields_;
  std::map<std::string, Message> messages_;
};

// 401: no valid session or token.
class Unauthorized : public Error {
 public:
  explicit Unauthorized(const std::string& message = "login required")
      : Error("unauthorized", message) {}
};

// 403: authenticated, but the role does not allow it (or CSRF token missing).
class Forbidden : public Error {
 public:
  explicit Forbidden(const std::string& message = "not allowed", std::string code = "forbidden")
      : Error(std::move(code), message) {}
  explicit Forbidden(const Message& message, std::string code = "forbidden")
      : Error(std::move(code), message) {}
};

// 404: absent, or belongs to another tenant (we never reveal which).
class NotFound : public Error {
 public:
  explicit NotFound(const std::string& message = "not found") : Error("not_found", message) {}
  explicit NotFound(const Message& message) : Error("not_found", message) {}
};

// 409: stale version or a uniqueness clash. `current` carries the stored object.
class Conflict : public Error {
 public:
  explicit Conflict(const std::string& message, nlohmann::json current = nullptr,
                    std::string code = "conflict")
      : Error(std::move(code), message), current_(std::move(current)) {}
  explicit Conflict(const Message& message, nlohmann::json current = nullptr,
                    std::string code = "conflict")
      : Error(std::move(code), message), current_(std::move(current)) {}
  const nlohmann::json& current() const { return current_; }

 private:
  nlohmann::json current_;
};

// 413
class PayloadTooLarge : public Error {
 public:
  explicit PayloadTooLarge(const std::string& message) : Error("payload_too_large", message) {}
};

// 429: rate limit. `retry_after_seconds` goes into the Retry-After header.
class TooManyRequests : public Error {
 public:
  TooManyRequests(const std::string& message, int retry_after_seconds)
      : Error("too_many_requests", message), retry_after_seconds_(retry_after_seconds) {}
  int retry_after_seconds() const { return retry_after_seconds_; }

 private:
  int retry_after_seconds_;
};

// 503: the database cannot be reached (restarting, failing over), or the connection broke
// under a write, whose outcome is then unknown (the client looks before sending it again).
class Unavailable : public Error {
 public:
  explicit Unavailable(const std::string& message, std::string code = "unavailable",
                       int retry_after_seconds = 1)
      : Error(std::move(code), message), retry_after_seconds_(retry_after_seconds) {}
  int retry_after_seconds() const { return retry_after_seconds_; }

 private:
  int retry_after_seconds_;
};

}  // namespace core
