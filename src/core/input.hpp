#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/message.hpp"

namespace core {

class ValidationError;

inline constexpr std::size_t kNameMax = 200;
inline constexpr std::size_t kEmailMax = 254;
inline constexpr std::size_t kTextMax = 10000;

// The one validation helper. Reads fields from a JSON object (API) or a decoded
// form (browser), collects every problem, and `check()` throws one ValidationError
// naming each bad field. Getters return a neutral value after recording a problem.
class Input {
 public:
  // Throws BadRequest when the body is not a JSON object.
  static Input from_json_body(std::string_view body);
  static Input from_form(const std::map<std::string, std::string>& form);
  explicit Input(nlohmann::json object, bool from_form = false);

  bool has(const std::string& field) const;
  bool is_null(const std::string& field) const;

  std::string required_text(const std::string& field, std::size_t max_len = kNameMax);
  // Absent → nullopt. Present but empty or null → "" (the caller decides what "" means).
  std::optional<std::string> optional_text(const std::string& field,
                                           std::size_t max_len = kNameMax);
  std::string required_email(const std::string& field);
  std::optional<std::string> optional_email(const std::string& field);
  std::string required_choice(const std::string& field, const std::vector<std::string>& allowed);
  std::optional<std::string> optional_choice(const std::string& field,
                                             const std::vector<std::string>& allowed);
  std::optional<bool> optional_bool(const std::string& field);
  std::optional<std::int64_t> optional_int(const std::string& field, std::int64_t min,
                                           std::int64_t max);
  // A JSON number, or text by parse_decimal (a form's "12,5"); absent, null or "" → nullopt.
  std::optional<double> optional_number(const std::string& field);

  void fail(const std::string& field, const std::string& message);
  // The same as a catalogue key with parameters: pages show it in the reader's language.
  void fail(const std::string& field, const Message& message);
  // Every field error of `error` (a nested object's), each field named `prefix` + its name.
  void fail_all(const ValidationError& error, const std::string& prefix);
  bool ok() const { return errors_.empty(); }
  void check() const;  // throws ValidationError when any field failed
  const nlohmann::json& raw() const { return object_; }
  bool from_form() const { return from_form_; }

 private:
  const nlohmann::json* find(const std::string& field) const;
  std::optional<std::string> text_value(const std::string& field, std::size_t max_len,
                                        bool required);

  nlohmann::json object_;
  bool from_form_;
  std::map<std::string, std::string> errors_;
  std::map<std::string, Message> messages_;  // the errors that came as a Message
};

// The one rule for numbers people type: "12,5", "12.5", "1.234,5", "1,234.5", "1 234,5"
// (space, no-break or narrow no-break space, or ' group thousands; of "," and "." the
// last is the decimal mark), "−3" with a minus sign; nullopt when it is not one.
std::optional<double> parse_decimal(std::string_view text);

bool is_valid_email(std::string_view email);
bool is_valid_utf8(std::string_view text);
// A path on this site ("/projects/1?tab=maps"), safe as a redirect target or a link:
// no scheme, no "//host" or "/\\host" (browsers read both as another host), and no
// control characters or spaces, which browsers strip or rewrite ("/\t/evil" becomes
// "//evil") before they resolve the address.
bool is_local_path(std::string_view path);
// An http(s) address or a local path, with no control characters or spaces.
bool is_safe_link(std::string_view link);
// The longest prefix of valid UTF-8 `text` that fits in `max_bytes` without cutting
// a character in two.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);
// The same with an ellipsis appended when the text was cut (for quoting in a line).
std::string utf8_shorten(std::string_view text, std::size_t max_bytes);

}  // namespace core
