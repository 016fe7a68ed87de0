#include <algorithm>

#include <gtest/gtest.h>

#include "bank/bank_entry.hpp"
#include "bank/search_text.hpp"
#include "bank/text.hpp"
#include "core/errors.hpp"

namespace bank {
namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(BankText, FoldsDanishAndSwedishCapitalsKeepingOffsets) {
  EXPECT_EQ(fold("ÆBLE Øst ÅEN Ärende Över"), "æble øst åen ärende över");
  EXPECT_EQ(fold("×"), "×");  // not a letter
  EXPECT_EQ(fold("Borgerne").size(), std::string("Borgerne").size());
}

TEST(BankText, SplitsWordsAtPunctuationAndOperators) {
  std::string s = "\"foo AND ( NEAR* 27.24 — æøå";
  std::vector<std::string> got;
  for (const auto& w : words(s)) got.push_back(s.substr(w.begin, w.end - w.begin));
  EXPECT_EQ(got, (std::vector<std::string>{"foo", "AND", "NEAR", "27", "24", "æøå"}));
}

TEST(BankText, InflectionsShareAStem) {
  // A Danish word in another inflection meets the published one in at least one stem.
  auto meets = [](const std::string& a, const std::string& b) {
    auto sa = stems(fold(a)), sb = stems(fold(b));
    return std::any_of(sa.begin(), sa.end(), [&](const auto& s) { return has(sb, s); });
  };
  EXPECT_TRUE(meets("borgerne", "borger"));
  EXPECT_TRUE(meets("visitationen", "visitation"));
  EXPECT_TRUE(meets("hjemmeplejen", "hjemmepleje"));
  EXPECT_TRUE(meets("överlämningar", "överlämning"));
  EXPECT_TRUE(meets("handovers", "handover"));
  EXPECT_FALSE(meets("borger", "visitation"));
}

TEST(BankText, IndexTextHoldsTheStemsOfEveryWord) {
  auto text = index_text("Borgerne i Visitationen");
  EXPECT_NE(text.find("borg"), std::string::npos);
  EXPECT_NE(text.find("visitation"), std::string::npos);
  EXPECT_EQ(text.find('V'), std::string::npos);
}

TEST(BankText, IndexTextKeepsAStemAtMostThreeTimes) {
  auto count = [](const std::string& text, const std::string& word) {
    std::size_t n = 0;
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
      if ((at == 0 || text[at - 1] == ' ') &&
          (at + word.size() == text.size() || text[at + word.size()] == ' '))
        ++n;
    return n;
  };
  const auto text = index_text("borger borgeren borgerne borgere Borger og visitation visitation");
  EXPECT_EQ(count(text, "borg"), kMaxRepeats);
  EXPECT_EQ(count(text, "visitation"), 2U);
  EXPECT_EQ(count(text, "og"), 1U);
}

TEST(BankText, QueriesOrVariantsAndAndTerms) {
  auto q = parse_query("Borger visitation");
  ASSERT_EQ(q.terms.size(), 2U);
  EXPECT_TRUE(has(q.terms[0], "borg"));
  EXPECT_EQ(fts5_match(parse_query("borger")), "(\"borg\" OR \"borger\")");
  EXPECT_EQ(tsquery(parse_query("borger")), "('borg' | 'borger')");
  EXPECT_NE(fts5_match(parse_query("visitation borger")).find(") AND ("), std::string::npos);
  EXPECT_NE(tsquery(parse_query("visitation borger")).find(") & ("), std::string::npos);
}

TEST(BankText, OperatorsAndQuotesNeverReachTheEngine) {
  for (const auto* typed : {"\"foo AND ( NEAR*", "'; DROP TABLE x; --", "a:b ^c -d +e {f} [g]",
                            "\\' || ''", "NOT OR AND"}) {
    auto q = parse_query(typed);
    for (const auto& match : {fts5_match(q), tsquery(q)}) {
      std::string stripped = match;
      // What is left besides the quoted stems is the syntax this code writes.
      for (const auto& term : q.terms)
        for (const auto& s : term) {
          EXPECT_TRUE(std::all_of(s.begin(), s.end(),
                                  [](char c) {
                                    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                                           (c & 0x80) != 0;
                                  }))
              << typed << " gave the stem " << s;
        }
      EXPECT_EQ(std::count(match.begin(), match.end(), '('),
                std::count(match.begin(), match.end(), ')'));
    }
  }
  EXPECT_TRUE(parse_query("\"( * ) -- '").empty());
}

TEST(BankText, KeepsAtMostTheMaximumOfTerms) {
  std::string many;
  for (int i = 0; i < 40; ++i) many += "ord" + std::to_string(i) + " ";
  EXPECT_EQ(parse_query(many).terms.size(), kMaxTerms);
}

TEST(BankEntry, KleNumbers) {
  EXPECT_TRUE(valid_kle("27"));
  EXPECT_TRUE(valid_kle("27.24"));
  EXPECT_TRUE(valid_kle("27.24.00"));
  EXPECT_FALSE(valid_kle("27.24.00.01"));
  EXPECT_FALSE(valid_kle("2724"));
  EXPECT_FALSE(valid_kle("27."));
  EXPECT_FALSE(valid_kle("27.2a"));
  EXPECT_FALSE(valid_kle(""));
}

TEST(BankEntry, ChecksTheClassification) {
  Classification c{"Kortere vej", "elderly_care",   "27.24", {"hjemmepleje"},
                   "cc_by_4_0",   "project_leader", "da"};
  EXPECT_NO_THROW(check(c));
  auto bad = c;
  bad.contact_role = "Mette Jensen";
  EXPECT_THROW(check(bad), core::ValidationError);
  bad = c;
  bad.licence = "gpl";
  EXPECT_THROW(check(bad), core::ValidationError);
  bad = c;
  bad.kle = "27-24";
  EXPECT_THROW(check(bad), core::ValidationError);
  bad = c;
  bad.service_area = "everything";
  EXPECT_THROW(check(bad), core::ValidationError);
}

TEST(BankEntry, JsonRoundTrip) {
  Entry e;
  e.title = "T";
  e.kle = "27.24";
  e.figures = {{"handovers", 7, 3}, {"lead_time_minutes", std::nullopt, 60}};
  e.kpis = {{"Ventetid", "dage", "d", "lower", "weekly", "citizen_quality", 10.0, 5.0, 9.0, 6.0}};
  e.tasks = {{"Ny visitation", "hurtigere", "møde"}};
  e.lessons = {"Start småt"};
  e.lanes = {{"Lane_1", "Visitation", false}};
  auto back = entry_from_json(to_json(e));
  EXPECT_EQ(to_json(back), to_json(e));
  EXPECT_EQ(back.before("handovers"), 7);
  EXPECT_EQ(back.after("handovers"), 3);
  EXPECT_FALSE(back.before("lead_time_minutes").has_value());
}

}  // namespace
}  // namespace bank
