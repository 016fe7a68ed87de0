#include "scim/scim_filter.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/errors.hpp"

namespace scim {
namespace {

constexpr std::array<std::string_view, 3> kSchemaPrefixes = {
    "urn:ietf:params:scim:schemas:core:2.0:user:", "urn:ietf:params:scim:schemas:core:2.0:group:",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:"};

[[noreturn]] void refuse(const std::string& why) {
  throw core::BadRequest("the filter " + why + "; only `attribute eq \"value\"` is supported",
                         "invalidFilter");
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool attribute_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == ':' || c == '_' ||
         c == '-' || c == '$';
}

// The end of the JSON string that starts at `from` (a '"'), just past its closing quote.
std::size_t string_end(std::string_view text, std::size_t from) {
  for (std::size_t i = from + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  refuse("has an unterminated string");
}

nlohmann::json literal(std::string_view text) {
  if (text.empty()) refuse("has no value");
  std::string lowered = lower(text);
  if (lowered == "true") return true;
  if (lowered == "false") return false;
  if (lowered == "null") return nullptr;
  bool number = std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
  });
  if (!number && text.front() != '"') refuse("has a value that is not a JSON literal");
  auto value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded() || value.is_object() || value.is_array()) {
    refuse("has a value that is not a JSON literal");
  }
  return value;
}

}  // namespace

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string attribute_key(std::string_view name) {
  std::string key = lower(name);
  for (auto prefix : kSchemaPrefixes) {
    if (key.rfind(prefix, 0) == 0) return key.substr(prefix.size());
  }
  return key;
}

Filter parse_filter(std::string_view text) {
  if (text.size() > kFilterMax) refuse("is too long");
  std::size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && is_space(text[i])) ++i;
  };
  skip_spaces();
  std::size_t start = i;
  while (i < text.size() && attribute_char(text[i])) ++i;
  if (i == start) refuse("names no attribute");
  Filter f{attribute_key(text.substr(start, i - start)), nullptr};
  if (i == text.size() || !is_space(text[i])) refuse("has no operator");
  skip_spaces();
  start = i;
  while (i < text.size() && !is_space(text[i])) ++i;
  if (lower(text.substr(start, i - start)) != "eq") refuse("uses an unsupported operator");
  skip_spaces();
  start = i;
  if (i < text.size() && text[i] == '"') {
    i = string_end(text, i);
  } else {
    while (i < text.size() && !is_space(text[i])) ++i;
  }
  f.value = literal(text.substr(start, i - start));
  skip_spaces();
  if (i != text.size()) refuse("has more than one comparison");
  return f;
}

Filter parse_filter(std::string_view text, const std::vector<std::string>& allowed) {
  Filter f = parse_filter(text);
  if (std::find(allowed.begin(), allowed.end(), f.attribute) == allowed.end()) {
    refuse("names an attribute that cannot be filtered on");
  }
  if (!f.value.is_string()) refuse("compares with something other than a string");
  return f;
}

}  // namespace scim
