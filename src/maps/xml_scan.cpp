#include "maps/xml_scan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "maps/bpmn_model.hpp"

namespace maps {
namespace {

constexpr auto npos = std::string_view::npos;

[[noreturn]] void refuse(std::string_view xml, std::size_t offset, const std::string& what) {
  throw core::ValidationError("bpmn", fmt::format("{} (line {})", what, line_of(xml, offset)));
}

// Byte classes for the search loops below: std::string_view::find_first_of tests each
// byte against its set with a call, and took most of the scan's time on large maps.
enum : unsigned char { kLt = 1, kAmp = 2, kQuote = 4, kGt = 8, kControl = 16, kEf = 32 };
constexpr std::array<unsigned char, 256> kClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 0x20; ++c) {
    if (c != '\t' && c != '\n' && c != '\r') t[c] = kControl;
  }
  t['<'] = kLt;
  t['&'] = kAmp;
  t['"'] = kQuote;
  t['\''] = kQuote;
  t['>'] = kGt;
  t[0xEF] = kEf;
  return t;
}();

std::size_t find_class(std::string_view s, std::size_t from, unsigned mask) {
  for (; from < s.size(); ++from) {
    if ((kClass[static_cast<unsigned char>(s[from])] & mask) != 0) return from;
  }
  return npos;
}

bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.' ||
         c == ':';
}

void check_characters(std::string_view xml) {
  if (!core::is_valid_utf8(xml)) {
    // Lines end in an ASCII byte, so no sequence spans two of them: the first bad line
    // is where the problem is.
    for (std::size_t start = 0; start < xml.size();) {
      auto end = std::min(xml.find('\n', start), xml.size());
      if (!core::is_valid_utf8(xml.substr(start, end - start))) {
        refuse(xml, start, "the file is not UTF-8");
      }
      start = end + 1;
    }
  }
  for (auto i = find_class(xml, 0, kControl | kEf); i != npos;
       i = find_class(xml, i + 1, kControl | kEf)) {
    if (xml[i] != '\xEF')
      refuse(xml, i, "the file holds a control character that XML does not allow");
    // U+FFFE and U+FFFF are UTF-8 but not XML characters.
    if (i + 2 < xml.size() && static_cast<unsigned char>(xml[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(xml[i + 2]) & 0xFE) == 0xBE) {
      refuse(xml, i, "the file holds a character that XML does not allow");
    }
  }
}

// xml[at] is '&'. Returns the offset after the reference.
std::size_t check_reference(std::string_view xml, std::size_t at) {
  // The longest legal reference is "&#x10FFFF;".
  auto semi = xml.find(';', at + 1);
  if (semi == npos || semi - at > 12)
    refuse(xml, at, "not well-formed XML: a bare '&' (write &amp;)");
  auto body = xml.substr(at + 1, semi - at - 1);
  if (body == "lt" || body == "gt" || body == "amp" || body == "apos" || body == "quot") {
    return semi + 1;
  }
  if (body.size() >= 2 && body[0] == '#') {
    const bool hex = body[1] == 'x';
    auto digits = body.substr(hex ? 2 : 1);
    std::uint32_t value = 0;
    bool ok = !digits.empty();
    for (char c : digits) {
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0 || value > 0x10FFFF) {
        ok = false;
        break;
      }
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    if (!ok || !is_xml_char(value)) {
      refuse(xml, at, "a character reference to a character that XML does not allow");
    }
    return semi + 1;
  }
  if (!body.empty() && std::all_of(body.begin(), body.end(), is_name_char)) {
    refuse(xml, at,
           fmt::format("the entity reference &{}; is not allowed (only the five predefined "
                       "entities are)",
                       body));
  }
  refuse(xml, at, "not well-formed XML: a bare '&' (write &amp;)");
}

// xml[at] follows the '<' of a start tag. Returns the offset after its '>', or npos when
// the tag never ends (the parser then says where).
std::size_t scan_tag(std::string_view xml, std::size_t at) {
  for (;;) {
    auto pos = find_class(xml, at, kQuote | kGt);
    if (pos == npos) return npos;
    if (xml[pos] == '>') return pos + 1;
    const char quote = xml[pos];
    auto i = find_class(xml, pos + 1, kLt | kAmp | kQuote);
    while (i != npos && xml[i] != quote) {
      if (xml[i] == '<')
        refuse(xml, i, "not well-formed XML: an attribute value holds '<' (write &lt;)");
      i = xml[i] == '&' ? check_reference(xml, i) : i + 1;
      i = find_class(xml, i, kLt | kAmp | kQuote);
    }
    if (i == npos) return npos;
    at = i + 1;
  }
}

void check_declaration(std::string_view xml, std::size_t start, std::size_t end) {
  auto decl = xml.substr(start, end - start);
  auto at = decl.find("encoding");
  if (at == npos) return;
  auto quote = decl.find_first_of("\"'", at);
  if (quote == npos) return;
  auto close = decl.find(decl[quote], quote + 1);
  if (close == npos) return;
  std::string value(decl.substr(quote + 1, close - quote - 1));
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (value != "utf-8") {
    refuse(xml, start,
           fmt::format("the file declares the encoding \"{}\"; only UTF-8 is accepted",
                       clip(decl.substr(quote + 1, close - quote - 1), 40)));
  }
}

// Bytes 0x80-0x9F in windows-1252; the five it leaves undefined stand for themselves.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// Browsers read all of these as windows-1252, and so do the tools that write them.
constexpr std::array<std::string_view, 17> kCp1252Labels = {
    "windows-1252", "cp1252",          "x-cp1252", "iso-8859-1", "iso8859-1",     "iso88591",
    "iso_8859-1",   "iso_8859-1:1987", "latin1",   "l1",         "cp819",         "ibm819",
    "iso-ir-100",   "csisolatin1",     "us-ascii", "ascii",      "ansi_x3.4-1968"};

void append_utf8(std::string& out, std::uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Where the value of the declaration's encoding="…" sits, if the text starts with one.
std::pair<std::size_t, std::size_t> declared_encoding(std::string_view xml) {
  if (xml.substr(0, 5) != "<?xml") return {npos, 0};
  auto end = xml.find("?>");
  auto at = xml.substr(0, end).find("encoding");
  if (end == npos || at == npos) return {npos, 0};
  auto quote = xml.find_first_of("\"'", at);
  if (quote == npos || quote > end) return {npos, 0};
  auto close = xml.find(xml[quote], quote + 1);
  if (close == npos || close > end) return {npos, 0};
  return {quote + 1, close - quote - 1};
}

std::string declaration_refusal(std::string_view rest) {
  if (rest.substr(0, 9) == "<!DOCTYPE") return "a DOCTYPE is not allowed";
  if (rest.substr(0, 8) == "<!ENTITY") return "an entity declaration is not allowed";
  return "markup declarations are not allowed";
}

}  // namespace

std::string latin1_to_utf8(std::string xml) {
  auto [at, length] = declared_encoding(xml);
  if (at == npos) return xml;
  std::string label = xml.substr(at, length);
  std::transform(label.begin(), label.end(), label.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(kCp1252Labels.begin(), kCp1252Labels.end(), label) == kCp1252Labels.end()) {
    return xml;
  }
  std::string out = xml.substr(0, at) + "UTF-8";
  // Text that is UTF-8 already was read and re-encoded on its way (a browser's file
  // reader, a JSON string): only the declaration is wrong.
  if (core::is_valid_utf8(xml)) return out + xml.substr(at + length);
  out.reserve(xml.size() + xml.size() / 8);
  for (std::size_t i = at + length; i < xml.size(); ++i) {
    auto byte = static_cast<unsigned char>(xml[i]);
    if (byte >= 0x80 && byte < 0xA0) {
      append_utf8(out, kCp1252High[byte - 0x80]);
    } else {
      append_utf8(out, byte);
    }
  }
  return out;
}

std::size_t element_end(std::string_view xml, std::size_t start) {
  std::size_t depth = 0;
  for (auto i = start; i < xml.size();) {
    auto rest = xml.substr(i);
    if (rest.substr(0, 4) == "<!--") {
      i = xml.find("-->", i) + 3;
    } else if (rest.substr(0, 9) == "<![CDATA[") {
      i = xml.find("]]>", i) + 3;
    } else if (rest.substr(0, 2) == "<?") {
      i = xml.find("?>", i) + 2;
    } else if (rest.substr(0, 2) == "</") {
      i = xml.find('>', i) + 1;
      if (--depth == 0) return i;
    } else {
      i = scan_tag(xml, i + 1);
      if (i == npos) break;
      if (xml[i - 2] != '/') ++depth;
      if (depth == 0) return i;
    }
    if (depth > 0) i = xml.find('<', i);
    if (i == npos) break;
  }
  return xml.size();
}

std::string clip(std::string_view s, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] & 0xC0) != 0x80 && count++ == max) return std::string(s.substr(0, i)) + "…";
  }
  return std::string(s);
}

std::size_t line_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::size_t column_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  auto nl = text.substr(0, offset).rfind('\n');
  return nl == npos ? offset + 1 : offset - nl;
}

std::size_t scan_xml(std::string_view xml) {
  check_characters(xml);
  std::size_t i = xml.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  const std::size_t doc_start = i;
  std::size_t elements = 0;
  std::size_t depth = 0;  // open start tags, to find text outside the root element
  std::size_t text_start = i;
  for (;;) {
    auto next = find_class(xml, i, kLt | kAmp);
    if (depth == 0) {
      auto text = xml.substr(text_start, std::min(next, xml.size()) - text_start);
      if (text.find_first_not_of(" \t\r\n") != npos || (next != npos && xml[next] == '&')) {
        refuse(xml, text_start, "not well-formed XML: text outside the root element");
      }
    }
    if (next == npos) break;
    i = next;
    if (xml[i] == '&') {
      i = check_reference(xml, i);
      text_start = i;
      continue;
    }
    auto rest = xml.substr(i);
    std::size_t end = 0;
    if (rest.substr(0, 4) == "<!--") {
      end = xml.find("-->", i + 4);
      if (end == npos) break;
      i = end + 3;
    } else if (rest.substr(0, 9) == "<![CDATA[") {
      end = xml.find("]]>", i + 9);
      if (end == npos) break;
      i = end + 3;
    } else if (rest.substr(0, 2) == "<!") {
      refuse(xml, i, declaration_refusal(rest));
    } else if (rest.substr(0, 2) == "<?") {
      end = xml.find("?>", i + 2);
      if (end == npos) break;
      if (i == doc_start && rest.substr(0, 5) == "<?xml") check_declaration(xml, i, end);
      i = end + 2;
    } else if (rest.substr(0, 2) == "</") {
      end = xml.find('>', i);
      if (end == npos) break;
      i = end + 1;
      if (depth > 0) --depth;
    } else {
      if (++elements > kMaxXmlElements) {
        refuse(xml, i, fmt::format("the file has more than {} XML elements", kMaxXmlElements));
      }
      i = scan_tag(xml, i + 1);
      if (i == npos) break;
      if (xml[i - 2] != '/') ++depth;
    }
    text_start = i;
  }
  return elements;
}

}  // namespace maps
