// Durations typed and shown as people say them; the cases are shared with the editor's
// test (tests/browser/duration.test.mjs), so both sides read and write the same text.
#include "maps/duration.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "source_file.hpp"
#include "web/i18n.hpp"

namespace maps {
namespace {

nlohmann::json cases() {
  return nlohmann::json::parse(test::source_file("tests/maps/duration_cases.json"));
}

DurationLabels labels(const nlohmann::json& l) {
  return {l["week"], l["weeks"], l["day"], l["hour"], l["minute"]};
}

TEST(Duration, ParsesWhatPeopleTypeAndRefusesTheRest) {
  for (const auto& c : cases()["parse"]) {
    auto parsed = parse_duration(c["text"].get<std::string>());
    if (c["minutes"].is_null()) {
      EXPECT_FALSE(parsed.minutes) << c["text"];
    } else {
      EXPECT_EQ(parsed.minutes, c["minutes"].get<std::int64_t>()) << c["text"];
    }
    EXPECT_EQ(parsed.empty, c.value("empty", false)) << c["text"];
  }
}

TEST(Duration, FormatsInTheReadersLanguage) {
  auto all = cases();
  for (const auto& c : all["format"]) {
    auto l = labels(all["labels"][c["lang"].get<std::string>()]);
    EXPECT_EQ(format_duration(l, c["minutes"].get<std::int64_t>()), c["text"]) << c["minutes"];
  }
}

// What is shown can be typed back unchanged, in every language.
TEST(Duration, WhatIsShownParsesBack) {
  auto all = cases();
  for (const auto& [lang, l] : all["labels"].items()) {
    for (std::int64_t m : {1LL, 59LL, 60LL, 61LL, 1439LL, 1440LL, 10079LL, 10080LL, 20161LL}) {
      auto text = format_duration(labels(l), m);
      EXPECT_EQ(parse_duration(text).minutes, m) << lang << ": " << text;
    }
  }
}

// The catalogues' unit names are the labels the cases use.
TEST(Duration, CataloguesNameTheSameUnits) {
  for (const auto& [lang, l] : cases()["labels"].items()) {
    EXPECT_EQ(web::t(lang, "unit.week"), l["week"]) << lang;
    EXPECT_EQ(web::t(lang, "unit.weeks"), l["weeks"]) << lang;
    EXPECT_EQ(web::t(lang, "unit.days"), l["day"]) << lang;
    EXPECT_EQ(web::t(lang, "unit.hours"), l["hour"]) << lang;
    EXPECT_EQ(web::t(lang, "unit.minutes"), l["minute"]) << lang;
  }
}

}  // namespace
}  // namespace maps
