// The declared places and the pseudonym: pure logic, no database.
#include "privacy/places.hpp"

#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "web/i18n.hpp"

namespace {

using privacy::Erase;
using privacy::Match;

TEST(PrivacyPlaces, EveryPlaceSaysWhyAndHowLongAndShowsNoSecret) {
  std::set<std::string> seen;
  for (const auto& p : privacy::places()) {
    std::string at = std::string(p.table) + "." + std::string(p.column);
    EXPECT_TRUE(seen.insert(at).second) << at << " declared twice";
    EXPECT_FALSE(p.feature.empty()) << at;
    EXPECT_FALSE(p.purpose.empty()) << at;
    EXPECT_FALSE(p.kept.empty()) << at;
    EXPECT_FALSE(p.data.empty()) << at;
    for (const char* secret : {"password_hash", "token_hash", "link_hash", "csrf_token"})
      EXPECT_EQ(std::string(p.shown).find(secret), std::string::npos) << at;
  }
  EXPECT_TRUE(seen.count("people.id"));
  EXPECT_TRUE(seen.count("audit_log.person_id"));
  EXPECT_TRUE(seen.count("meeting_attendance.person_id"));
}

TEST(PrivacyPlaces, CredentialsAndProviderLinksGoRecordsStay) {
  auto erase_of = [](std::string_view table, std::string_view column) {
    for (const auto& p : privacy::places())
      if (p.table == table && p.column == column) return p.erase;
    ADD_FAILURE() << table << "." << column << " not declared";
    return Erase::kKeep;
  };
  EXPECT_EQ(erase_of("accounts", "person_id"), Erase::kDelete);
  EXPECT_EQ(erase_of("sso_identities", "person_id"), Erase::kDelete);
  EXPECT_EQ(erase_of("scim_users", "person_id"), Erase::kDelete);
  EXPECT_EQ(erase_of("decisions", "created_by"), Erase::kKeep);
  EXPECT_EQ(erase_of("meeting_attendance", "person_id"), Erase::kKeep);
  EXPECT_EQ(erase_of("decisions", "decided_by"), Erase::kPseudonym);
}

TEST(PrivacyPlaces, SessionsAndTokensGoBeforeTheLoginTheyBelongTo) {
  int at = 0, sessions = -1, tokens = -1, login = -1;
  for (const auto& p : privacy::places()) {
    if (p.table == "sessions") sessions = at;
    if (p.table == "api_tokens") tokens = at;
    if (p.table == "accounts") login = at;
    ++at;
  }
  ASSERT_GE(login, 0);
  EXPECT_LT(sessions, login);
  EXPECT_LT(tokens, login);
}

TEST(PrivacyPlaces, StatementsAreScopedToTheTenantAndKeepRecordsWhole) {
  for (const auto& p : privacy::places()) {
    EXPECT_NE(privacy::select_sql(p).find("tenant_id = :tenant_id"), std::string::npos);
    auto erase = privacy::erase_sql(p);
    if (p.erase == Erase::kKeep || p.erase == Erase::kByErasure) {
      EXPECT_TRUE(erase.empty()) << p.table;
    } else {
      EXPECT_NE(erase.find("tenant_id = :tenant_id"), std::string::npos) << erase;
    }
  }
  privacy::Place decisions{"projects",   "decisions", "created_by", "id, text", Match::kPerson,
                           Erase::kKeep, "",          "p",          "k",        "d"};
  EXPECT_EQ(privacy::select_sql(decisions),
            "SELECT id, text FROM decisions WHERE tenant_id = :tenant_id AND created_by = "
            ":person_id");
  privacy::Place copy{"maps",
                      "map_versions",
                      "created_by",
                      "number",
                      Match::kPerson,
                      Erase::kPseudonym,
                      "created_by_name",
                      "p",
                      "k",
                      "d"};
  EXPECT_EQ(privacy::erase_sql(copy),
            "UPDATE map_versions SET created_by_name = :pseudonym WHERE tenant_id = :tenant_id "
            "AND created_by = :person_id");
}

TEST(PrivacyPlaces, EveryHeadingAndColumnIsTranslated) {
  for (const char* locale : {"da", "sv", "en"}) {
    const auto& catalogue = web::catalogue(locale);
    for (const auto& p : privacy::places()) {
      EXPECT_TRUE(catalogue.contains(privacy::place_key(p))) << locale << " " << p.table;
      std::string shown(p.shown);
      for (std::size_t from = 0; from < shown.size();) {
        auto comma = shown.find(',', from);
        auto column = shown.substr(from, comma == std::string::npos ? comma : comma - from);
        column.erase(0, column.find_first_not_of(' '));
        EXPECT_TRUE(catalogue.contains(privacy::column_key(column))) << locale << " " << column;
        from = comma == std::string::npos ? shown.size() : comma + 1;
      }
    }
  }
  EXPECT_EQ(web::t("da", "privacy_place_decisions_decided_by"), "Beslutninger truffet af personen");
  EXPECT_EQ(web::t("sv", "privacy_col_created_at"), "Skapad");
}

TEST(PrivacyPlaces, FreeTextIsSearchedNeverRewrittenAndNotARecordOfProcessing) {
  int mentions = 0;
  for (const auto& p : privacy::places()) {
    if (p.match != Match::kMention) continue;
    ++mentions;
    EXPECT_EQ(p.erase, Erase::kKeep) << p.table;
    EXPECT_TRUE(privacy::erase_sql(p).empty()) << p.table;
    auto sql = privacy::select_sql(p);
    // The text column comes last, after the shown ones, for the excerpt.
    EXPECT_NE(sql.find(std::string(p.shown) + ", " + std::string(p.column) + " FROM"),
              std::string::npos)
        << sql;
    for (const char* bound : {":name_like", ":name_lower", ":email_like", ":login_like"})
      EXPECT_NE(sql.find(bound), std::string::npos) << sql;
  }
  EXPECT_GE(mentions, 20);
  for (const auto& a : privacy::activities())
    EXPECT_EQ(std::find(a.data.begin(), a.data.end(), "free_text"), a.data.end()) << a.feature;
}

TEST(PrivacyMention, ExcerptAroundTheFirstNameOrAddressInAnyCase) {
  std::vector<privacy::Replacement> names = {
      {"Lone Hansen", "", true}, {"lone@x.dk", "", true}, {"Bo", "", true}};
  EXPECT_EQ(privacy::mention_excerpt("Ring til LONE HANSEN i morgen", names, 60),
            "Ring til LONE HANSEN i morgen");
  EXPECT_EQ(privacy::mention_excerpt("Skriv til Lone@X.dk", names, 60), "Skriv til Lone@X.dk");
  // "Bo" is too short to look for; nobody else is named.
  EXPECT_FALSE(privacy::mention_excerpt("Bo og Bent Berg mødtes", names, 60));
  // Cut around the name with an ellipsis, never inside a character (ø is two bytes).
  std::string long_text = std::string(40, 'x') + "ø Lone Hansen ø" + std::string(40, 'y');
  auto cut = privacy::mention_excerpt(long_text, names, 2);
  ASSERT_TRUE(cut);
  EXPECT_EQ(*cut, "…ø Lone Hansen ø…");
}

TEST(PrivacyPseudonym, FourHexDigitsStableForThePerson) {
  auto a = privacy::pseudonym("Slettet person", "01JABCDEF");
  EXPECT_EQ(a.rfind("Slettet person ", 0), 0U);
  EXPECT_EQ(a.size(), std::string("Slettet person ").size() + 4);
  EXPECT_EQ(a, privacy::pseudonym("Slettet person", "01JABCDEF"));
  EXPECT_NE(a, privacy::pseudonym("Slettet person", "01JABCDEG"));
  // FNV-1a of "" is 0x811C9DC5: the low half.
  EXPECT_EQ(privacy::pseudonym("Deleted person", ""), "Deleted person 9DC5");
}

TEST(PrivacyReplace, RewritesValuesNotKeysAndSkipsShortNames) {
  nlohmann::json changes = {
      {"leader", {{"before", "Lone Hansen"}, {"after", "Bent"}}},
      {"note", {{"before", nullptr}, {"after", "Ring til lone@x.dk eller Lone Hansen"}}},
      {"Lone Hansen", 3},
      {"list", {"Lone Hansen", 4}}};
  auto out = privacy::replace_texts(changes, {{"Lone Hansen", "Slettet person 1A2B"},
                                              {"LONE@X.dk", "Slettet person 1A2B", true},
                                              {"Bo", "X"}});
  EXPECT_EQ(out["leader"]["before"], "Slettet person 1A2B");
  EXPECT_EQ(out["leader"]["after"], "Bent");
  EXPECT_EQ(out["note"]["after"], "Ring til Slettet person 1A2B eller Slettet person 1A2B");
  EXPECT_EQ(out["Lone Hansen"], 3);
  EXPECT_EQ(out["list"][0], "Slettet person 1A2B");
  EXPECT_NE(out.dump().find("\"Lone Hansen\":3"), std::string::npos);
}

TEST(PrivacyReplace, ClearsContactFieldsWhateverTheyHeld) {
  nlohmann::json changes = {{"email", {{"before", "old@x.dk"}, {"after", "new@x.dk"}}},
                            {"title", {{"before", nullptr}, {"after", "Leder"}}},
                            {"unit_id", {{"before", "u1"}, {"after", "u2"}}}};
  auto out = privacy::clear_fields(changes, {"email", "title"});
  EXPECT_TRUE(out["email"]["before"].is_null());
  EXPECT_TRUE(out["email"]["after"].is_null());
  EXPECT_TRUE(out["title"]["after"].is_null());
  EXPECT_EQ(out["unit_id"]["after"], "u2");
}

TEST(PrivacyRecord, OneActivityPerFeatureInDeclaredOrder) {
  auto activities = privacy::activities();
  ASSERT_FALSE(activities.empty());
  EXPECT_EQ(activities.front().feature, "org");
  std::set<std::string> features;
  for (const auto& a : activities) {
    EXPECT_TRUE(features.insert(a.feature).second) << a.feature;
    EXPECT_FALSE(a.purposes.empty());
  }
  auto signals = std::find_if(activities.begin(), activities.end(),
                              [](const auto& a) { return a.feature == "signals"; });
  ASSERT_NE(signals, activities.end());
  EXPECT_NE(std::find(signals->kept.begin(), signals->kept.end(), "signal_email"),
            signals->kept.end());
}

}  // namespace
