#include "bank/search_text.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include <libstemmer.h>

#include "bank/text.hpp"

namespace bank {
namespace {

// A Snowball stemmer is not safe to share between threads: one set per thread.
struct Stemmers {
  struct Free {
    void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
  };
  std::array<std::unique_ptr<sb_stemmer, Free>, 3> all;
  Stemmers() {
    constexpr std::array<const char*, 3> kNames = {"danish", "swedish", "english"};
    for (std::size_t i = 0; i < kNames.size(); ++i)
      all[i].reset(sb_stemmer_new(kNames[i], "UTF_8"));
  }
};

Stemmers& stemmers() {
  thread_local Stemmers s;
  return s;
}

// Stems are letters and digits only, so quoting them is all an engine's syntax needs; the
// doubling is there should that ever change.
std::string quoted(const std::string& stem, char quote) {
  std::string out(1, quote);
  for (char c : stem) {
    out.push_back(c);
    if (c == quote) out.push_back(quote);
  }
  out.push_back(quote);
  return out;
}

std::string joined(const Query& q, char quote, std::string_view any, std::string_view all) {
  std::string out;
  for (const auto& term : q.terms) {
    if (!out.empty()) out.append(all);
    out.push_back('(');
    for (std::size_t i = 0; i < term.size(); ++i) {
      if (i > 0) out.append(any);
      out.append(quoted(term[i], quote));
    }
    out.push_back(')');
  }
  return out;
}

}  // namespace

std::vector<std::string> stems(std::string_view folded_word) {
  std::vector<std::string> out;
  for (auto& s : stemmers().all) {
    if (!s) continue;
    const sb_symbol* stem =
        sb_stemmer_stem(s.get(), reinterpret_cast<const sb_symbol*>(folded_word.data()),
                        static_cast<int>(folded_word.size()));
    if (stem == nullptr) continue;
    std::string st(reinterpret_cast<const char*>(stem),
                   static_cast<std::size_t>(sb_stemmer_length(s.get())));
    if (!st.empty() && std::find(out.begin(), out.end(), st) == out.end())
      out.push_back(std::move(st));
  }
  if (out.empty()) out.emplace_back(folded_word);
  return out;
}

std::string index_text(std::string_view text) {
  std::string folded = fold(text);
  std::string out;
  std::map<std::string, std::size_t, std::less<>> seen;
  for (const auto& w : words(folded)) {
    for (auto& st : stems(std::string_view(folded).substr(w.begin, w.end - w.begin))) {
      if (++seen[st] > kMaxRepeats) continue;
      if (!out.empty()) out.push_back(' ');
      out.append(st);
    }
  }
  return out;
}

Query parse_query(std::string_view user_text) {
  Query q;
  std::string folded = fold(user_text);
  for (const auto& w : words(folded)) {
    if (q.terms.size() == kMaxTerms) break;
    auto term = stems(std::string_view(folded).substr(w.begin, w.end - w.begin));
    if (std::find(q.terms.begin(), q.terms.end(), term) == q.terms.end())
      q.terms.push_back(std::move(term));
  }
  return q;
}

std::string fts5_match(const Query& q) { return joined(q, '"', " OR ", " AND "); }

std::string tsquery(const Query& q) { return joined(q, '\'', " | ", " & "); }

}  // namespace bank
