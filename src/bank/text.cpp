#include "bank/text.hpp"

#include <cstdint>

namespace bank {
namespace {

// The code point at `i` and its length in bytes; length 1 and 0xFFFD for an invalid byte.
std::pair<std::uint32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
  std::uint32_t cp = b & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (c & 0x3F);
  }
  return {cp, len};
}

bool is_word_char(std::uint32_t cp) {
  if (cp < 0x80)
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, arrows, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  return true;
}

}  // namespace

std::string fold(std::string_view utf8) {
  std::string out(utf8);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto b = static_cast<unsigned char>(out[i]);
    if (b >= 'A' && b <= 'Z') {
      out[i] = static_cast<char>(b + 32);
    } else if (b == 0xC3 && i + 1 < out.size()) {
      // U+00C0–U+00DE (but ×, U+00D7) are C3 80–C3 9E; their small letters are C3 A0–C3 BE.
      auto c = static_cast<unsigned char>(out[i + 1]);
      if (c >= 0x80 && c <= 0x9E && c != 0x97) out[i + 1] = static_cast<char>(c + 0x20);
      ++i;
    }
  }
  return out;
}

std::vector<Word> words(std::string_view utf8) {
  std::vector<Word> out;
  std::size_t i = 0;
  bool in_word = false;
  Word current;
  while (i < utf8.size()) {
    auto [cp, len] = decode(utf8, i);
    if (is_word_char(cp)) {
      if (!in_word) current.begin = i;
      in_word = true;
      current.end = i + len;
    } else if (in_word) {
      out.push_back(current);
      in_word = false;
    }
    i += len;
  }
  if (in_word) out.push_back(current);
  return out;
}

}  // namespace bank
