#include "http/json_writer.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace http {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// Whether any of the 8 bytes in `w` needs a look of its own: a control character, a quote,
// a backslash or a byte of a multi-byte UTF-8 sequence.
bool needs_a_look(std::uint64_t w) {
  const auto zero_byte = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const std::uint64_t control = (w - kOnes * 0x20U) & ~w & kHighs;
  return (control | zero_byte(w ^ (kOnes * '"')) | zero_byte(w ^ (kOnes * '\\')) | (w & kHighs)) !=
         0;
}

// The length of the well-formed UTF-8 sequence at text[at] (lead byte >= 0x80), or 0 when it
// is not one: overlong forms, surrogates and code points above U+10FFFF are refused, as the
// UTF-8 decoder of nlohmann's serializer refuses them. For an ill-formed one, `ill_formed` is
// how many bytes one U+FFFD stands for: the lead and the continuation bytes that fitted.
std::size_t sequence_at(std::string_view text, std::size_t at, std::size_t& ill_formed) {
  const auto byte = [&](std::size_t i) -> unsigned {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0U;
  };
  const unsigned lead = byte(0);
  unsigned low = 0x80U;
  unsigned high = 0xBFU;
  std::size_t length = 0;
  ill_formed = 1;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    if (lead == 0xE0U) low = 0xA0U;
    if (lead == 0xEDU) high = 0x9FU;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    if (lead == 0xF0U) low = 0x90U;
    if (lead == 0xF4U) high = 0x8FU;
  } else {
    return 0;
  }
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    ill_formed = i;
    if (!continuation(static_cast<unsigned char>(byte(i)))) return 0;
  }
  return length;
}

void write_string(std::string& out, std::string_view text) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the plain characters not yet copied
  std::size_t at = 0;
  while (at < text.size()) {
    if (at + 8 <= text.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, text.data() + at, sizeof w);
      if (!needs_a_look(w)) {
        at += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20U && c < 0x80U && c != '"' && c != '\\') {
      ++at;
      continue;
    }
    std::size_t ill_formed = 1;
    if (c >= 0x80U) {
      if (auto length = sequence_at(text, at, ill_formed); length != 0) {
        at += length;
        continue;
      }
    }
    out.append(text.substr(run, at - run));
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20U) {
          out += "\\u00";
          out += kHex[c >> 4U];
          out += kHex[c & 0x0FU];
        } else {
          out += kReplacement;  // bytes that make no well-formed sequence
        }
    }
    at += c >= 0x80U ? ill_formed : 1;
    run = at;
  }
  out.append(text.substr(run));
  out += '"';
}

template <typename Number>
void write_integer(std::string& out, Number n) {
  std::array<char, 24> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), n);
  out.append(buffer.data(), end);
}

template <typename Json>
void write_value(std::string& out, const Json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::object: {
      out += '{';
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ',';
        first = false;
        write_string(out, it.key());
        out += ':';
        write_value(out, it.value());
      }
      out += '}';
      return;
    }
    case Type::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ',';
        first = false;
        write_value(out, item);
      }
      out += ']';
      return;
    }
    case Type::string:
      write_string(out, value.template get_ref<const typename Json::string_t&>());
      return;
    case Type::boolean:
      out += value.template get<bool>() ? "true" : "false";
      return;
    case Type::number_integer:
      write_integer(out, value.template get<std::int64_t>());
      return;
    case Type::number_unsigned:
      write_integer(out, value.template get<std::uint64_t>());
      return;
    case Type::number_float:
      // Rare in our answers; nlohmann's shortest round-trip form ("5.0", "1e+20") kept.
      out += value.dump();
      return;
    case Type::null:
      out += "null";
      return;
    case Type::discarded:
    case Type::binary:
      out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
  }
}

}  // namespace

void write_json(std::string& out, const nlohmann::json& value) { write_value(out, value); }
void write_json_string(std::string& out, std::string_view text) { write_string(out, text); }
void write_json(std::string& out, const nlohmann::ordered_json& value) { write_value(out, value); }

}  // namespace http
