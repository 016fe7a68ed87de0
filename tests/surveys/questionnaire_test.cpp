#include "surveys/questionnaire.hpp"

#include <set>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace surveys {
namespace {

bool has_all_languages(const nlohmann::json& text) {
  if (!text.is_object()) return false;
  for (const char* l : {"da", "sv", "en"}) {
    if (!text.contains(l) || !text[l].is_string() || text[l].get<std::string>().empty())
      return false;
  }
  return true;
}

Questionnaire builtin(const std::string& key) {
  auto q = find_builtin_questionnaire(key);
  if (!q) throw std::runtime_error("no questionnaire " + key);
  return *q;
}

int count_kind(const Questionnaire& q, ItemKind kind) {
  int n = 0;
  for (const auto& i : q.items) n += i.kind == kind ? 1 : 0;
  return n;
}

// The smallest definition the parser accepts; tests break one thing at a time.
nlohmann::json minimal() {
  const nlohmann::json text = {{"da", "a"}, {"sv", "a"}, {"en", "a"}};
  nlohmann::json labels = nlohmann::json::array();
  for (int i = 0; i < kLikertPoints; ++i) labels.push_back(text);
  return {{"key", "q"},
          {"name", text},
          {"description", text},
          {"audience", "staff"},
          {"source", "test"},
          {"scales", {{{"key", "s"}, {"name", text}}}},
          {"likert_labels", labels},
          {"items",
           {{{"key", "i1"}, {"kind", "likert"}, {"scale", "s"}, {"text", text}, {"source", "t"}}}}};
}

TEST(Questionnaire, TheFourBuiltinTemplatesLoadInOrder) {
  auto all = builtin_questionnaires();
  ASSERT_EQ(all.size(), 4U);
  EXPECT_EQ(all[0].key, "social-capital-short");
  EXPECT_EQ(all[1].key, "core-task");
  EXPECT_EQ(all[2].key, "cross-unit-collaboration");
  EXPECT_EQ(all[3].key, "citizen-satisfaction");
  EXPECT_FALSE(find_builtin_questionnaire("no-such-survey").has_value());
}

TEST(Questionnaire, EveryTextIsInDanishSwedishAndEnglishAndEveryItemSaysWhereItComesFrom) {
  for (const auto& q : builtin_questionnaires()) {
    SCOPED_TRACE(q.key);
    EXPECT_TRUE(has_all_languages(q.name));
    EXPECT_TRUE(has_all_languages(q.description));
    EXPECT_FALSE(q.source.empty());
    for (const auto& s : q.scales) EXPECT_TRUE(has_all_languages(s.name)) << s.key;
    ASSERT_EQ(q.likert_labels.size(), static_cast<std::size_t>(kLikertPoints));
    for (const auto& l : q.likert_labels) EXPECT_TRUE(has_all_languages(l));
    for (const auto& i : q.items) {
      EXPECT_TRUE(has_all_languages(i.text)) << i.key;
      EXPECT_FALSE(i.source.empty()) << i.key;
      for (const auto& o : i.options) EXPECT_TRUE(has_all_languages(o.label)) << i.key;
    }
  }
}

TEST(Questionnaire, EveryLikertItemNamesAnExistingScaleAndEveryScaleHasItems) {
  for (const auto& q : builtin_questionnaires()) {
    SCOPED_TRACE(q.key);
    std::set<std::string> used;
    for (const auto& i : q.items) {
      if (i.kind != ItemKind::kLikert) {
        EXPECT_FALSE(i.scale.has_value()) << i.key;
        continue;
      }
      ASSERT_TRUE(i.scale.has_value()) << i.key;
      EXPECT_NE(q.scale(*i.scale), nullptr) << i.key;
      used.insert(*i.scale);
    }
    EXPECT_EQ(used.size(), q.scales.size());
  }
}

TEST(Questionnaire, ItemKeysAreUniqueWithinATemplate) {
  for (const auto& q : builtin_questionnaires()) {
    std::set<std::string> keys;
    for (const auto& i : q.items) EXPECT_TRUE(keys.insert(i.key).second) << q.key << " " << i.key;
  }
}

TEST(Questionnaire, TheTemplatesHaveTheShapeIssue17AsksFor) {
  auto short_form = builtin("social-capital-short");
  EXPECT_EQ(short_form.audience, Audience::kStaff);
  EXPECT_EQ(short_form.scales.size(), 1U);
  EXPECT_EQ(count_kind(short_form, ItemKind::kLikert), 4);
  EXPECT_EQ(short_form.items.size(), 4U);

  for (const auto* key : {"core-task", "cross-unit-collaboration"}) {
    SCOPED_TRACE(key);
    auto q = builtin(key);
    EXPECT_EQ(q.audience, Audience::kStaff);
    EXPECT_GE(q.scales.size(), 2U);
    EXPECT_LE(q.scales.size(), 3U);
    EXPECT_GE(count_kind(q, ItemKind::kLikert), 8);
    EXPECT_LE(count_kind(q, ItemKind::kLikert), 12);
    int reversed = 0;
    for (const auto& i : q.items) reversed += i.reverse ? 1 : 0;
    EXPECT_GE(reversed, 1);
  }
  EXPECT_EQ(builtin("cross-unit-collaboration").scales.size(), 3U);

  auto citizens = builtin("citizen-satisfaction");
  EXPECT_EQ(citizens.audience, Audience::kCitizens);
  EXPECT_EQ(count_kind(citizens, ItemKind::kLikert), 4);
  EXPECT_EQ(count_kind(citizens, ItemKind::kSingle), 1);
  EXPECT_EQ(count_kind(citizens, ItemKind::kText), 1);
  const auto* channel = citizens.item("contact-channel");
  ASSERT_NE(channel, nullptr);
  EXPECT_GE(channel->options.size(), 2U);
}

TEST(Questionnaire, ScalesBecomeScoringScalesWithTheirItemsAndReverseFlags) {
  auto core = builtin("core-task");
  auto scales = scoring_scales(core);
  ASSERT_EQ(scales.size(), core.scales.size());
  std::size_t likert_items = 0;
  for (std::size_t s = 0; s < scales.size(); ++s) {
    EXPECT_EQ(scales[s].key, core.scales[s].key);
    for (const auto& si : scales[s].items) {
      const auto* item = core.item(si.key);
      ASSERT_NE(item, nullptr);
      EXPECT_EQ(item->scale, scales[s].key);
      EXPECT_EQ(si.reverse, item->reverse);
    }
    likert_items += scales[s].items.size();
  }
  EXPECT_EQ(likert_items, static_cast<std::size_t>(count_kind(core, ItemKind::kLikert)));
  EXPECT_FALSE(scoring_scale(core, "no-such-scale").has_value());
}

TEST(Questionnaire, TheShortSocialCapitalIndexIsTheSumOfFourAnswersOnZeroToHundred) {
  auto q = builtin("social-capital-short");
  auto scale = scoring_scale(q, "social-capital");
  ASSERT_TRUE(scale.has_value());
  ASSERT_EQ(scale->items.size(), 4U);
  // 3 + 2 + 4 + 1 = 10 of 16 points: 75, 50, 100 and 25 average 62.5.
  const LikertAnswers answers{{"trust-in-management", 3},
                              {"management-trusts-staff", 2},
                              {"fair-distribution-of-tasks", 4},
                              {"fair-handling-of-conflicts", 1}};
  auto index = respondent_index(*scale, answers);
  ASSERT_TRUE(index.has_value());
  EXPECT_DOUBLE_EQ(*index, 62.5);
}

TEST(Questionnaire, AReverseItemOfTheCoreTaskTemplateTurnsAround) {
  auto q = builtin("core-task");
  auto scale = scoring_scale(q, "vertical");
  ASSERT_TRUE(scale.has_value());
  // Top marks everywhere, including "priorities pull you away", is not a top index.
  LikertAnswers answers;
  for (const auto& i : scale->items) answers[i.key] = 4;
  auto index = respondent_index(*scale, answers);
  ASSERT_TRUE(index.has_value());
  EXPECT_LT(*index, 100);
}

TEST(Questionnaire, ParsingRejectsBrokenDefinitions) {
  EXPECT_NO_THROW(parse_questionnaire(minimal()));

  auto no_swedish = minimal();
  no_swedish["items"][0]["text"].erase("sv");
  EXPECT_THROW(parse_questionnaire(no_swedish), std::invalid_argument);

  auto unknown_scale = minimal();
  unknown_scale["items"][0]["scale"] = "nope";
  EXPECT_THROW(parse_questionnaire(unknown_scale), std::invalid_argument);

  auto twice = minimal();
  twice["items"].push_back(twice["items"][0]);
  EXPECT_THROW(parse_questionnaire(twice), std::invalid_argument);

  auto no_source = minimal();
  no_source["items"][0].erase("source");
  EXPECT_THROW(parse_questionnaire(no_source), std::invalid_argument);

  auto bad_kind = minimal();
  bad_kind["items"][0]["kind"] = "slider";
  EXPECT_THROW(parse_questionnaire(bad_kind), std::invalid_argument);

  auto four_labels = minimal();
  four_labels["likert_labels"].erase(0);
  EXPECT_THROW(parse_questionnaire(four_labels), std::invalid_argument);

  auto bad_audience = minimal();
  bad_audience["audience"] = "politicians";
  EXPECT_THROW(parse_questionnaire(bad_audience), std::invalid_argument);

  auto one_option = minimal();
  one_option["items"].push_back({{"key", "c"},
                                 {"kind", "single"},
                                 {"text", minimal()["name"]},
                                 {"source", "t"},
                                 {"options", {{{"key", "x"}, {"label", minimal()["name"]}}}}});
  EXPECT_THROW(parse_questionnaire(one_option), std::invalid_argument);

  auto empty_scale = minimal();
  empty_scale["scales"].push_back({{"key", "unused"}, {"name", minimal()["name"]}});
  EXPECT_THROW(parse_questionnaire(empty_scale), std::invalid_argument);
}

}  // namespace
}  // namespace surveys
