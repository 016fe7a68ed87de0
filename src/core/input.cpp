#include "core/input.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/money.hpp"

namespace core {

Input Input::from_json_body(std::string_view body) {
  if (body.empty()) throw BadRequest(Message{"err.body_empty"});
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    throw BadRequest(Message{"err.malformed_json_at", {{"byte", e.byte}}}, "malformed_json");
  } catch (const nlohmann::json::exception&) {
    // Syntactically fine but unreadable, e.g. a number too large for a double (1e400).
    throw BadRequest(Message{"err.malformed_json_number"}, "malformed_json");
  }
  if (!parsed.is_object()) throw BadRequest(Message{"err.json_object_expected"}, "malformed_json");
  return Input(std::move(parsed));
}

Input Input::from_form(const std::map<std::string, std::string>& form) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [k, v] : form) object[k] = v;
  return Input(std::move(object), true);
}

Input::Input(nlohmann::json object, bool from_form)
    : object_(std::move(object)), from_form_(from_form) {}

const nlohmann::json* Input::find(const std::string& field) const {
  auto it = object_.find(field);
  return it == object_.end() ? nullptr : &*it;
}

bool Input::has(const std::string& field) const { return find(field) != nullptr; }

bool Input::is_null(const std::string& field) const {
  const auto* v = find(field);
  return v != nullptr && v->is_null();
}

void Input::fail(const std::string& field, const std::string& message) {
  errors_.emplace(field, message);
}

void Input::fail(const std::string& field, const Message& message) {
  if (errors_.emplace(field, english(message)).second) messages_.emplace(field, message);
}

void Input::fail_all(const ValidationError& error, const std::string& prefix) {
  const auto& messages = error.field_messages();
  for (const auto& [field, text] : error.fields()) {
    auto m = messages.find(field);
    if (m != messages.end())
      fail(prefix + field, m->second);
    else
      fail(prefix + field, text);
  }
}

void Input::check() const {
  if (!errors_.empty()) throw ValidationError(errors_, messages_);
}

std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  // Continuation bytes are 10xxxxxx: step back to the start of the cut character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) >> 6) == 2) --end;
  return std::string(text.substr(0, end));
}

std::string utf8_shorten(std::string_view text, std::size_t max_bytes) {
  std::string out = utf8_prefix(text, max_bytes);
  if (out.size() < text.size()) out += "…";
  return out;
}

namespace {

std::string trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

bool has_control_or_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

}  // namespace

std::optional<std::string> decimal_text(std::string_view cell) {
  std::string s;
  std::string t = trimmed(cell);
  for (std::size_t i = 0; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    // Thousands separators: space, no-break space (C2 A0), narrow no-break (E2 80 AF).
    if (c == ' ' || c == '\'') continue;
    if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
        static_cast<unsigned char>(t[i + 2]) == 0xAF) {
      i += 2;
      continue;
    }
    if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x88 &&
        static_cast<unsigned char>(t[i + 2]) == 0x92) {  // − minus sign
      s += '-';
      i += 2;
      continue;
    }
    s += static_cast<char>(c);
  }
  if (s.empty()) return std::nullopt;
  auto comma = s.rfind(','), dot = s.rfind('.');
  if (comma != std::string::npos) {
    // The last of "," and "." is the decimal mark; the other groups thousands.
    char group = dot != std::string::npos && dot > comma ? ',' : '.';
    char decimal = group == ',' ? '.' : ',';
    if (std::count(s.begin(), s.end(), decimal) > 1) return std::nullopt;
    s.erase(std::remove(s.begin(), s.end(), group), s.end());
    std::replace(s.begin(), s.end(), ',', '.');
  }
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
          c == 'e' || c == 'E'))
      return std::nullopt;
  return s;
}

std::optional<double> parse_decimal(std::string_view cell) {
  auto text = decimal_text(cell);
  if (!text) return std::nullopt;
  const std::string& s = *text;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool is_local_path(std::string_view path) {
  if (path.size() < 1 || path[0] != '/' || has_control_or_space(path)) return false;
  if (path.find('\\') != std::string_view::npos) return false;
  return path.size() == 1 || path[1] != '/';
}

bool is_safe_link(std::string_view link) {
  if (link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0) {
    auto host = link.substr(link.find("//") + 2);
    return !host.empty() && host[0] != '/' && !has_control_or_space(link) &&
           link.find('\\') == std::string_view::npos;
  }
  return is_local_path(link);
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 0;
    if (len == 0 || i + len > text.size()) return false;
    std::uint32_t code_point = len == 1 ? c : c & (0x7fu >> len);
    for (std::size_t k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(text[i + k]);
      if ((b >> 6) != 2) return false;
      code_point = (code_point << 6) | (b & 0x3fu);
    }
    // RFC 3629: shortest form only, no surrogates, nothing past U+10FFFF. Anything
    // looser passes here but makes the strict JSON serialiser (audit log) throw.
    static constexpr std::uint32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kShortest[len] || (code_point >= 0xD800 && code_point <= 0xDFFF) ||
        code_point > 0x10FFFF) {
      return false;
    }
    i += len;
  }
  return true;
}

static std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) >> 6) != 2; }));
}

static std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::optional<std::string> Input::text_value(const std::string& field, std::size_t max_len,
                                             bool required) {
  const auto* v = find(field);
  if (v == nullptr || v->is_null()) {
    if (required) fail(field, Message{"err.required"});
    return v == nullptr ? std::nullopt : std::optional<std::string>("");
  }
  if (!v->is_string()) {
    fail(field, Message{"err.not_string"});
    return std::nullopt;
  }
  std::string s = trim(v->get<std::string>());
  if (!is_valid_utf8(s)) {
    fail(field, Message{"err.not_utf8"});
    return std::nullopt;
  }
  // NUL and other control characters are refused: PostgreSQL cannot store NUL in
  // text, and none of them belongs in what people type.
  if (std::any_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f;
      })) {
    fail(field, Message{"err.control_characters"});
    return std::nullopt;
  }
  if (required && s.empty()) {
    fail(field, Message{"err.empty"});
    return std::nullopt;
  }
  if (utf8_length(s) > max_len) {
    fail(field, Message{"err.too_long", {{"max", max_len}}});
    return std::nullopt;
  }
  return s;
}

std::string Input::required_text(const std::string& field, std::size_t max_len) {
  return text_value(field, max_len, true).value_or("");
}

std::optional<std::string> Input::optional_text(const std::string& field, std::size_t max_len) {
  if (!has(field)) return std::nullopt;
  auto v = text_value(field, max_len, false);
  return v ? v : std::optional<std::string>("");
}

namespace {

constexpr std::size_t kMaxAddress = 254;
constexpr std::size_t kMaxLocal = 64;
constexpr std::size_t kMaxLabel = 63;
constexpr std::string_view kLocalSpecials = "!#$%&'*+/=?^_`{|}~.-";

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool valid_local(std::string_view local) {
  if (local.empty() || local.size() > kMaxLocal || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return false;
  return std::all_of(local.begin(), local.end(), [](char c) {
    return ascii_alnum(c) || kLocalSpecials.find(c) != std::string_view::npos;
  });
}

bool valid_domain(std::string_view domain) {
  if (domain.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= domain.size()) {
    auto end = std::min(domain.find('.', start), domain.size());
    auto label = domain.substr(start, end - start);
    if (label.empty() || label.size() > kMaxLabel || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label)
      if (!ascii_alnum(c) && c != '-') return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

// What the mail can be sent to: a plain ASCII addr-spec (the outbox speaks no SMTPUTF8), so
// an address the forms accept is one the mail reaches.
bool is_valid_email(std::string_view email) {
  auto at = email.rfind('@');
  return email.size() <= kMaxAddress && at != std::string_view::npos &&
         valid_local(email.substr(0, at)) && valid_domain(email.substr(at + 1));
}

static std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Input::required_email(const std::string& field) {
  auto s = text_value(field, kEmailMax, true);
  if (!s) return "";
  if (!is_valid_email(*s)) {
    fail(field, Message{"err.email"});
    return "";
  }
  return lower(*s);
}

std::optional<std::string> Input::optional_email(const std::string& field) {
  if (!has(field)) return std::nullopt;
  auto s = text_value(field, kEmailMax, false);
  if (!s || s->empty()) return std::string();
  if (!is_valid_email(*s)) {
    fail(field, Message{"err.email"});
    return std::nullopt;
  }
  return lower(*s);
}

std::string Input::required_choice(const std::string& field,
                                   const std::vector<std::string>& allowed) {
  auto s = text_value(field, kNameMax, true);
  if (!s) return "";
  if (std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
    fail(field, Message{"err.one_of", {{"values", fmt::format("{}", fmt::join(allowed, ", "))}}});
    return "";
  }
  return *s;
}

std::optional<std::string> Input::optional_choice(const std::string& field,
                                                  const std::vector<std::string>& allowed) {
  if (!has(field)) return std::nullopt;
  auto s = text_value(field, kNameMax, false);
  if (!s) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
    fail(field, Message{"err.one_of", {{"values", fmt::format("{}", fmt::join(allowed, ", "))}}});
    return std::nullopt;
  }
  return s;
}

std::optional<double> Input::optional_number(const std::string& field) {
  if (!has(field) || is_null(field)) return std::nullopt;
  const auto& v = object_[field];
  if (v.is_number()) {
    double d = v.get<double>();
    if (std::isfinite(d)) return d;
  } else if (v.is_string()) {
    if (trimmed(v.get<std::string>()).empty()) return std::nullopt;
    if (auto d = parse_decimal(v.get<std::string>())) return d;
  }
  fail(field, Message{"err.not_number"});
  return std::nullopt;
}

std::optional<bool> Input::optional_bool(const std::string& field) {
  const auto* v = find(field);
  if (v == nullptr) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  if (from_form_ && v->is_string()) {
    auto s = v->get<std::string>();
    if (s == "on" || s == "true" || s == "1") return true;
    if (s == "off" || s == "false" || s == "0" || s.empty()) return false;
  }
  fail(field, Message{"err.not_bool"});
  return std::nullopt;
}

std::optional<std::int64_t> Input::optional_int(const std::string& field, std::int64_t min,
                                                std::int64_t max) {
  const auto* v = find(field);
  if (v == nullptr || v->is_null()) return std::nullopt;
  std::optional<std::int64_t> value;
  if (v->is_number_integer()) {
    value = v->get<std::int64_t>();
  } else if (from_form_ && v->is_string()) {
    try {
      std::size_t used = 0;
      auto s = v->get<std::string>();
      if (s.empty()) return std::nullopt;
      value = std::stoll(s, &used);
      if (used != s.size()) value.reset();
    } catch (const std::exception&) {
      value.reset();
    }
  }
  if (!value) {
    fail(field, Message{"err.not_integer"});
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    fail(field, Message{"err.between", {{"min", min}, {"max", max}}});
    return std::nullopt;
  }
  return value;
}

}  // namespace core
