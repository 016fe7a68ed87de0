#include "web/i18n.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "core/input.hpp"
#include "core/xlsx_reader.hpp"
#include "web/resources.hpp"

namespace web {
namespace {

std::set<std::string> keys(const nlohmann::json& catalogue) {
  std::set<std::string> out;
  for (auto it = catalogue.begin(); it != catalogue.end(); ++it) out.insert(it.key());
  return out;
}

TEST(I18nTest, AllCataloguesHaveTheSameKeysAndNoEmptyStrings) {
  auto da = keys(catalogue("da"));
  EXPECT_GT(da.size(), 50u);
  for (const auto& locale : kLocales) {
    EXPECT_EQ(keys(catalogue(locale)), da) << locale;
    for (auto it = catalogue(locale).begin(); it != catalogue(locale).end(); ++it) {
      EXPECT_FALSE(it.value().get<std::string>().empty()) << locale << " " << it.key();
    }
  }
}

TEST(I18nTest, EveryKeyATemplateUsesExists) {
  std::regex key_re(R"(\{\{[#^/]?t\.([a-zA-Z0-9_]+)\}\})");
  int used = 0;
  for (const auto& r : resources::with_prefix("templates/")) {
    std::string text(r.data);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), key_re);
         it != std::sregex_iterator(); ++it) {
      ++used;
      for (const auto& locale : kLocales) {
        EXPECT_TRUE(catalogue(locale).contains((*it)[1].str()))
            << r.name << " uses " << (*it)[1] << " missing in " << locale;
      }
    }
  }
  EXPECT_GT(used, 50);
}

// No user-visible text is written into a template: once tags and mustache are
// removed, only whitespace and punctuation may remain between elements.
TEST(I18nTest, TemplatesHoldNoLiteralText) {
  std::regex script_style(R"(<(script|style)[^>]*>[\s\S]*?</\1>)");
  std::regex mustache(R"(\{\{\{?[^}]*\}?\}\})");
  std::regex tag(R"(<[^>]*>)");
  std::regex letters(R"([A-Za-zÆØÅæøåÄÖäö]{2,})");
  for (const auto& r : resources::with_prefix("templates/")) {
    std::string text(r.data);
    text = std::regex_replace(text, script_style, " ");
    text = std::regex_replace(text, mustache, " ");
    text = std::regex_replace(text, tag, " ");
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, letters))
        << r.name << " contains literal text: " << m.str();
  }
}

TEST(I18nTest, TranslatesServerMessagesCarryingNumbers) {
  EXPECT_EQ(translate_message("da", "must be at most 200 characters"), "må højst være 200 tegn");
  EXPECT_EQ(translate_message("sv", "is required"), "måste fyllas i");
  EXPECT_EQ(translate_message("da", "an unknown message"), "an unknown message");
  EXPECT_EQ(t("xx", "login.title"), "Log ind");  // unknown locale → Danish
}

TEST(I18nTest, NumbersWithTheReadersDecimalMark) {
  EXPECT_EQ(web::format_number("da", 12.5), "12,5");
  EXPECT_EQ(web::format_number("sv", 1234.25), "1234,25");
  EXPECT_EQ(web::format_number("en", 12.5), "12.5");
  EXPECT_EQ(web::format_number("da", 3.0), "3");
  EXPECT_EQ(web::format_number("da", -0.001), "0");
}

TEST(I18nTest, MessagesRenderInTheReadersLanguage) {
  core::Message m{"win_auto_card_done", {{"card", "Ring borgeren op"}}};
  EXPECT_EQ(web::render_message("sv", m), "Förbättringskort genomfört: Ring borgeren op");
  EXPECT_EQ(web::render_message("en", m), "Improvement card done: Ring borgeren op");
  auto back = core::Message::from_stored(m.stored());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->key, m.key);
  EXPECT_EQ(back->params, m.params);
  EXPECT_FALSE(core::Message::from_stored("plain text"));
}

TEST(I18nTest, ErrorsFromMessagesSpeakEnglishToClientsAndTheReadersLanguageOnPages) {
  core::Input input(nlohmann::json{{"title", std::string(201, 'x')}, {"count", 0}});
  input.required_text("title");
  input.optional_int("count", 1, 10);
  try {
    input.check();
    FAIL() << "no error";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("title"), "must be at most 200 characters");
    EXPECT_EQ(e.fields().at("count"), "must be between 1 and 10");
    const auto& m = e.field_messages().at("count");
    EXPECT_EQ(web::message_text("sv", e.fields().at("count"), &m), "ska vara mellan 1 och 10");
    EXPECT_EQ(web::message_text("da", e.fields().at("count"), &m), "skal være mellem 1 og 10");
  }
  core::FieldErrors gathered;
  gathered.add("name", core::Message{"err.length_between", {{"min", 1}, {"max", 200}}});
  gathered.add("name", "a second problem does not replace the first");
  gathered.add("role", "must be admin or member");
  try {
    gathered.check();
    FAIL() << "no error";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("name"), "must be 1-200 characters");
    EXPECT_EQ(e.field_messages().size(), 1u);
    EXPECT_EQ(web::message_text("da", e.fields().at("name"), &e.field_messages().at("name")),
              "skal være 1-200 tegn");
  }
  core::Conflict stale(core::Message{"err.stale", {{"entity", "win"}}});
  EXPECT_STREQ(stale.what(), "the win was changed by someone else; reload it");
  ASSERT_TRUE(stale.message());
  EXPECT_EQ(web::message_text("da", stale.what(), &*stale.message()),
            "Nogen har ændret det i mellemtiden. Genindlæs siden, og prøv igen.");
  // A hand-written entry for the English text still wins; English without either stays.
  EXPECT_EQ(web::message_text("en", "must be one of: da, sv, en", nullptr),
            "must be Danish, Swedish or English");
  EXPECT_EQ(web::message_text("da", "no unit with id 7", nullptr), "no unit with id 7");
  EXPECT_FALSE(web::knows_message("no unit with id 7", nullptr));
}

TEST(I18nTest, AnUnreadableSpreadsheetIsExplainedInTheReadersLanguage) {
  try {
    core::read_xlsx("period;value", "file");
    FAIL() << "no error";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("file"), "is not a valid .xlsx file (not a ZIP archive)");
    EXPECT_EQ(web::message_text("sv", e.fields().at("file"), &e.field_messages().at("file")),
              "är inte en giltig .xlsx-fil (filen är skadad; spara den igen från "
              "kalkylprogrammet och försök igen)");
  }
}

TEST(I18nTest, MessageParametersNameCatalogueEntriesAndKeepWholeNumbers) {
  core::Message m{
      "decision_kaizen_card",
      {{"card", "Kort"}, {"column", {{"key", "kaizen_column_done"}}}, {"decision", "Ja"}}};
  EXPECT_EQ(web::render_message("da", m), "Kaizenkort «Kort» → Gennemført: Ja");
  EXPECT_EQ(web::render_message(
                "en", core::Message{"err.between", {{"min", 1}, {"max", 1099511627776LL}}}),
            "must be between 1 and 1099511627776");
  EXPECT_EQ(web::render_message("da", core::Message{"err.between", {{"min", 0.5}, {"max", 2}}}),
            "skal være mellem 0,5 og 2");
}

// A key missing from "en" would make an error's English text (what API clients read) the
// bare key: every Message{"…"} the sources build names an entry of every catalogue.
TEST(I18nTest, EveryMessageKeyTheSourcesUseExists) {
  std::regex key_re(R"re(Message\{"([a-z_.]+)"[,}])re");
  int used = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(FREMDRIFT_SOURCE_DIR) + "/src")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), key_re);
         it != std::sregex_iterator(); ++it) {
      ++used;
      for (const auto& locale : kLocales)
        EXPECT_TRUE(catalogue(locale).contains((*it)[1].str()))
            << entry.path() << " uses " << (*it)[1] << " missing in " << locale;
    }
  }
  EXPECT_GT(used, 20);
}

TEST(I18nTest, TheReadersFirstLanguageWeSpeakIsTaken) {
  EXPECT_EQ(accepted_locale("sv-SE,sv;q=0.9,en;q=0.8"), "sv");
  EXPECT_EQ(accepted_locale("de-DE, EN-GB;q=0.7"), "en");
  EXPECT_EQ(accepted_locale("da"), "da");
  EXPECT_EQ(accepted_locale("de, fr;q=0.5"), "");
  EXPECT_EQ(accepted_locale(""), "");
}
}  // namespace
}  // namespace web
