// The method help's content: every topic in da, sv and en alike, links that lead
// somewhere, every shipped phase explained, and the run-chart help saying what the
// rules in kpis/run_chart.hpp do.
#include "help/help.hpp"

#include <set>

#include <gtest/gtest.h>

#include "kpis/run_chart.hpp"
#include "web/i18n.hpp"
#include "web/resources.hpp"

namespace help {
namespace {

TEST(HelpTest, EveryTopicHasAllItsWordsInEveryLanguage) {
  ASSERT_GE(topics().size(), 12u);
  std::set<std::string> ids;
  for (const auto& t : topics()) {
    EXPECT_TRUE(ids.insert(t.id).second) << "twice: " << t.id;
    EXPECT_TRUE(t.group == "method" || t.group == "tools") << t.id;
    const std::size_t steps = text(t, "da").steps.size();
    EXPECT_GE(steps, 3u) << t.id;
    for (const auto& locale : web::kLocales) {
      const TopicText& w = text(t, locale);
      for (const auto* s : {&w.title, &w.summary, &w.why, &w.tip, &w.where})
        EXPECT_FALSE(s->empty()) << locale << " " << t.id;
      // Kept in step: the same steps in every language, none empty.
      EXPECT_EQ(w.steps.size(), steps) << locale << " " << t.id;
      for (const auto& s : w.steps) EXPECT_FALSE(s.empty()) << locale << " " << t.id;
    }
    // Danish and Swedish may share a word ("Handlingsplanen"); English never does.
    EXPECT_NE(text(t, "en").title, text(t, "da").title) << "untranslated: " << t.id;
  }
}

TEST(HelpTest, RelatedTopicsExistAndKeysNameOneTopic) {
  std::set<std::string> keys;
  for (const auto& t : topics()) {
    for (const auto& r : t.related) {
      EXPECT_NE(find(r), nullptr) << t.id << " → " << r;
      EXPECT_NE(r, t.id);
    }
    for (const auto& p : t.phases) EXPECT_TRUE(keys.insert(p).second) << "phase twice: " << p;
  }
  EXPECT_EQ(find("no-such-topic"), nullptr);
  EXPECT_EQ(for_phase("no-such-phase"), nullptr);
  EXPECT_EQ(for_map_kind("as_is")->id, "as-is-map");
  EXPECT_EQ(for_map_kind("redesign")->id, "redesign");
}

// The phase stepper links every phase of the shipped method templates to a topic.
TEST(HelpTest, EveryPhaseOfTheShippedTemplatesHasATopic) {
  int phases = 0;
  for (const auto& r : web::resources::with_prefix("project-templates/")) {
    const auto method = nlohmann::json::parse(r.data);
    for (const auto& p : method.at("phases")) {
      ++phases;
      EXPECT_NE(for_phase(p.at("key")), nullptr) << r.name << " " << p.at("key");
    }
  }
  EXPECT_GE(phases, 14);
}

// The help states the IHI limits and the minimum number of points as the code has them.
TEST(HelpTest, RunChartHelpMatchesTheRules) {
  const Topic* t = find("run-charts");
  ASSERT_NE(t, nullptr);
  for (const auto& locale : web::kLocales) {
    std::string all;
    for (const auto& s : text(*t, locale).steps) all += s + "\n";
    for (int n : {kpis::kIhiShift, kpis::kIhiTrend, kpis::kMinUsefulPoints})
      EXPECT_NE(all.find(" " + std::to_string(n) + " "), std::string::npos) << locale << " " << n;
    EXPECT_NE(all.find("log2(n) + 3"), std::string::npos) << locale;
    EXPECT_NE(all.find("Anhøj"), std::string::npos) << locale;
    EXPECT_NE(all.find("IHI"), std::string::npos) << locale;
  }
  // round(log2(n) + 3), as the help says.
  EXPECT_EQ(kpis::longest_run_limit(16), 7);
}

TEST(HelpTest, JsonCarriesTheWordsOfTheLanguage) {
  const Topic* t = find("kaizen");
  ASSERT_NE(t, nullptr);
  auto sv = to_json(*t, "sv");
  EXPECT_EQ(sv["lang"], "sv");
  EXPECT_EQ(sv["title"], text(*t, "sv").title);
  EXPECT_EQ(sv["steps"].size(), text(*t, "sv").steps.size());
  // Unknown languages read Danish, as the catalogues do.
  EXPECT_EQ(to_json(*t, "xx")["title"], text(*t, "da").title);
  EXPECT_EQ(summary_json(*t, "en")["summary"], text(*t, "en").summary);
}

}  // namespace
}  // namespace help
