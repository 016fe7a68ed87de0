#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace http {

// `value` as compact JSON text appended to `out`: the same text as nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) — UTF-8 kept as it is, control characters
// escaped, an invalid UTF-8 sequence written as U+FFFD — but a run of plain characters is
// copied at once instead of byte by byte, which made dump() a fifth of a JSON list's cost.
void write_json(std::string& out, const nlohmann::json& value);
void write_json(std::string& out, const nlohmann::ordered_json& value);

// `text` as a JSON string (quoted and escaped, as write_json writes strings).
void write_json_string(std::string& out, std::string_view text);

// The same, as a string.
template <typename Json>
std::string to_json_text(const Json& value) {
  std::string out;
  write_json(out, value);
  return out;
}

}  // namespace http
