#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bank {

// Lower-cases ASCII and the Latin-1 capitals (Æ Ø Å Ä Ö É …) of UTF-8 text. Each such
// capital has a small letter of the same byte length, so offsets into the folded text are
// offsets into the original: the scrubber finds names in the one and cuts the other.
std::string fold(std::string_view utf8);

// A run of letters and digits: [begin, end) in bytes. Anything from U+00C0 on counts as a
// letter but the Latin-1 signs × ÷ and the general punctuation and symbol blocks; invalid
// UTF-8 separates words.
struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
};
std::vector<Word> words(std::string_view utf8);

}  // namespace bank
