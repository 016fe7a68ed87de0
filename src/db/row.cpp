#include "db/row.hpp"

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "db/columns.hpp"

namespace db {

std::optional<std::string> opt_text(const soci::row& r, const std::string& column) {
  const auto& props = r.get_properties(column);
  if (r.get_indicator(column) == soci::i_null) return std::nullopt;
  switch (props.get_data_type()) {
    case soci::dt_string:
      return r.get<std::string>(column);
    case soci::dt_integer:
      return std::to_string(r.get<int>(column));
    case soci::dt_long_long:
      return std::to_string(r.get<long long>(column));
    case soci::dt_unsigned_long_long:
      return std::to_string(r.get<unsigned long long>(column));
    case soci::dt_double:
      return std::to_string(r.get<double>(column));
    default:
      return r.get<std::string>(column);
  }
}

std::string text(const soci::row& r, const std::string& column) {
  return opt_text(r, column).value_or("");
}

std::int64_t integer(const soci::row& r, const std::string& column) {
  if (r.get_indicator(column) == soci::i_null) return 0;
  switch (r.get_properties(column).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(column);
    case soci::dt_long_long:
      return r.get<long long>(column);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(column));
    case soci::dt_double:
      return static_cast<std::int64_t>(r.get<double>(column));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(column));
    default:
      return r.get<long long>(column);
  }
}

void map_constraint(const soci::soci_error& e, const std::vector<ConstraintRule>& rules) {
  std::string_view message = e.what();
  for (const auto& rule : rules) {
    if (message.find(rule.constraint) != std::string_view::npos ||
        (!rule.sqlite_hint.empty() && message.find(rule.sqlite_hint) != std::string_view::npos)) {
      rule.raise();
    }
  }
}

bool is_foreign_key_violation(const soci::soci_error& e) {
  std::string_view message = e.what();
  return message.find("FOREIGN KEY constraint failed") != std::string_view::npos ||
         message.find("violates foreign key constraint") != std::string_view::npos;
}

namespace {

// The strings of `text` when it is a plain JSON array of strings whose escapes are the
// one-letter kind; nullopt for anything else (\u escapes, numbers, nesting, bad syntax).
std::optional<std::vector<std::string>> plain_string_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  const auto skip_space = [&] {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r'))
      ++at;
  };
  skip_space();
  if (at >= text.size() || text[at] != '[') return std::nullopt;
  ++at;
  skip_space();
  if (at < text.size() && text[at] == ']') {
    ++at;
    skip_space();
    return at == text.size() ? std::optional(out) : std::nullopt;
  }
  while (true) {
    if (at >= text.size() || text[at] != '"') return std::nullopt;
    ++at;
    std::string item;
    while (true) {
      if (at >= text.size()) return std::nullopt;
      const char c = text[at++];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') {
        item += c;
        continue;
      }
      if (at >= text.size()) return std::nullopt;
      switch (text[at++]) {
        case '"':
          item += '"';
          break;
        case '\\':
          item += '\\';
          break;
        case '/':
          item += '/';
          break;
        case 'b':
          item += '\b';
          break;
        case 'f':
          item += '\f';
          break;
        case 'n':
          item += '\n';
          break;
        case 'r':
          item += '\r';
          break;
        case 't':
          item += '\t';
          break;
        default:
          return std::nullopt;
      }
    }
    out.push_back(std::move(item));
    skip_space();
    if (at >= text.size()) return std::nullopt;
    if (text[at] == ']') {
      ++at;
      skip_space();
      return at == text.size() ? std::optional(out) : std::nullopt;
    }
    if (text[at] != ',') return std::nullopt;
    ++at;
    skip_space();
  }
}

}  // namespace

std::vector<std::string> string_list(std::string_view json_text) {
  // nlohmann refuses ill-formed UTF-8; the hand reader leaves such a text to it.
  if (core::is_valid_utf8(json_text))
    if (auto plain = plain_string_list(json_text)) return std::move(*plain);
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace db
