// http::write_json writes what nlohmann's dump(-1, ' ', false, replace) writes: the same
// text for objects, arrays, numbers, escapes, UTF-8 and ill-formed UTF-8 alike.
#include "http/json_writer.hpp"

#include <random>
#include <string>

#include <gtest/gtest.h>

namespace {

using nlohmann::json;

std::string reference(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

TEST(JsonWriter, WritesWhatNlohmannWrites) {
  const json cases[] = {
      nullptr,
      true,
      false,
      0,
      -42,
      std::uint64_t{18446744073709551615ULL},
      std::int64_t{-9223372036854775807LL - 1},
      5.0,
      0.1,
      -1.5e300,
      1e20,
      "",
      "plain text",
      "quote \" backslash \\ slash /",
      "tab\tnew\nline\rform\fback\b",
      std::string("nul \0 and \x01\x1f and \x7f", 20),
      "Ærø, Göteborg, 💡 and €",
      json::array(),
      json::object(),
      {{"b", 1}, {"a", {1, 2, {{"c", nullptr}}}}, {"é", "ü"}},
  };
  for (const auto& c : cases) EXPECT_EQ(http::to_json_text(c), reference(c)) << reference(c);
}

TEST(JsonWriter, IllFormedUtf8BecomesTheReplacementCharacterAsInNlohmann) {
  const std::string cases[] = {
      "\xC3",
      "a\xC3"
      "b",
      "\xE2\x82",
      "\xE2\x82"
      "A",
      "\xF0\x9F\x92",
      "\xF0\x9F\x92"
      "x",
      "\x80",
      "\xBF\xBF",
      "\xC0\xAF",
      "\xE0\x80\x80",
      "\xED\xA0\x80",
      "\xF4\x90\x80\x80",
      "\xF5\x80\x80\x80",
      "\xFF",
      "ok\xE2\x82\xAC",
  };
  for (const auto& c : cases) {
    const json j = c;
    EXPECT_EQ(http::to_json_text(j), reference(j)) << reference(j);
  }
}

// Random bytes, mostly ASCII with UTF-8 lead and continuation bytes mixed in.
TEST(JsonWriter, RandomBytesAgreeWithNlohmann) {
  std::mt19937 random(20261206);
  const unsigned char alphabet[] = {'a',  'Z',  ' ',  '"',  '\\', '\n', 0x01, 0x7f, 0x80,
                                    0xbf, 0xc2, 0xc3, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0,
                                    0xf4, 0xf5, 0xa0, 0x9f, 0x90, 0x8f, 0xff, 0x82, 0xac};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof(alphabet) - 1);
  std::uniform_int_distribution<std::size_t> length(0, 12);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    for (std::size_t i = length(random); i > 0; --i)
      text += static_cast<char>(alphabet[pick(random)]);
    const json j = {{"k", text}};
    ASSERT_EQ(http::to_json_text(j), reference(j)) << reference(j);
  }
}

// Long runs of plain characters (read eight at a time) with a rare special byte among them.
TEST(JsonWriter, LongPlainRunsWithRareSpecialBytesAgreeWithNlohmann) {
  std::mt19937 random(7);
  const unsigned char special[] = {'"',  '\\', '\n', 0x00, 0x1f, 0x7f, 0x80,
                                   0xc3, 0xa6, 0xe2, 0x82, 0xac, 0xff};
  std::uniform_int_distribution<int> plain('a', 'z');
  std::uniform_int_distribution<std::size_t> pick(0, sizeof(special) - 1);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<std::size_t> length(0, 70);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    for (std::size_t i = length(random); i > 0; --i)
      text += percent(random) < 5 ? static_cast<char>(special[pick(random)])
                                  : static_cast<char>(plain(random));
    const json j = text;
    ASSERT_EQ(http::to_json_text(j), reference(j)) << reference(j);
  }
}

TEST(JsonWriter, OrderedObjectsKeepTheirOrder) {
  nlohmann::ordered_json line = {{"ts", "2026-12-06"}, {"level", "info"}, {"ms", 1.25}};
  EXPECT_EQ(http::to_json_text(line), line.dump());
}

}  // namespace
