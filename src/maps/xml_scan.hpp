#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace maps {

// A pass over the raw text before any parser sees it. It refuses (core::ValidationError
// on field "bpmn", naming the line) what the parser would otherwise accept or expand:
// bytes that are not UTF-8 or not XML characters, a declared encoding other than UTF-8,
// any markup declaration (<!DOCTYPE, <!ENTITY, …) outside comments and CDATA, entity
// references other than the five predefined ones, character references to
// non-characters, a bare '&', '<' in an attribute value, and more than kMaxXmlElements
// start tags. Returns the number of start tags.
std::size_t scan_xml(std::string_view xml);

// A file whose XML declaration names windows-1252 or ISO-8859-1 (or another label the
// WHATWG Encoding Standard reads as windows-1252, such as us-ascii or latin1), converted
// to UTF-8 with the declaration saying so (bytes that are valid UTF-8 already are taken
// as converted on the way here); any other text as it is.
std::string latin1_to_utf8(std::string xml);

// The offset just past the element whose '<' is at xml[start], in text that parsed as
// well-formed XML.
std::size_t element_end(std::string_view xml, std::size_t start);

// At most `max` code points of s, for messages: never cut inside a UTF-8 sequence,
// since the message ends up in strict JSON.
std::string clip(std::string_view s, std::size_t max = 60);

// 1-based line and column of a byte offset.
std::size_t line_of(std::string_view text, std::size_t offset);
std::size_t column_of(std::string_view text, std::size_t offset);

}  // namespace maps
