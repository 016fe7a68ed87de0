#pragma once

#include <map>
#include <string>

#include "core/errors.hpp"
#include "core/message.hpp"

namespace core {

// Field errors gathered before one ValidationError names them all (the first per field
// counts), each an English text or a Message (shown in the reader's language on pages).
class FieldErrors {
 public:
  void add(const std::string& field, const std::string& message) {
    fields_.emplace(field, message);
  }
  void add(const std::string& field, const Message& message) {
    if (fields_.emplace(field, english(message)).second) messages_.emplace(field, message);
  }
  bool empty() const { return fields_.empty(); }
  void check() const {
    if (!fields_.empty()) throw ValidationError(fields_, messages_);
  }

 private:
  std::map<std::string, std::string> fields_;
  std::map<std::string, Message> messages_;
};

}  // namespace core
