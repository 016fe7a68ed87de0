#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bank {

// Full-text search in Danish, Swedish and English on both engines (D39): the text is
// stemmed here, with Snowball's da, sv and en stemmers, so SQLite's FTS5 and PostgreSQL's
// tsvector ('simple') index and match the very same stems.

// A word's stems in the three languages, folded, without repeats ("borgerne" → "borg", …).
std::vector<std::string> stems(std::string_view folded_word);

// The text an index holds: every word's stems, separated by spaces, each stem at most
// kMaxRepeats times. A word's fourth use says little more of what a text is about (BM25
// saturates term frequency the same way), and the cap keeps PostgreSQL's tsvector of a long
// entry small enough to stay in its row: ranking a word in every entry of 10,000 read a
// TOASTed vector per row (43 ms) before, 15 ms after.
inline constexpr std::size_t kMaxRepeats = 3;
std::string index_text(std::string_view text);

// What a user typed, as terms: each term is a word's stems, any of which may match
// (OR); every term must match (AND). Operators, quotes and brackets are not words and so
// never reach an engine; at most kMaxTerms terms are kept.
inline constexpr std::size_t kMaxTerms = 12;
struct Query {
  std::vector<std::vector<std::string>> terms;
  bool empty() const { return terms.empty(); }
};
Query parse_query(std::string_view user_text);

// The query in FTS5's MATCH syntax: ("a" OR "b") AND ("c").
std::string fts5_match(const Query& q);
// The query in PostgreSQL's to_tsquery syntax: ('a' | 'b') & ('c').
std::string tsquery(const Query& q);

}  // namespace bank
