// The method help (issue 13) over HTTP: every topic as a page in da, sv and en with its
// title, the index, unknown topics, the links from phases and map kinds, the JSON API, and
// the help links on the pages the help explains.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"
#include "source_file.hpp"

namespace testing_http {
namespace {

const std::vector<std::string> kLocales = {"da", "sv", "en"};

// The help's words as the server ships them (src/help/content/<locale>.json).
json content(const std::string& name) {
  return json::parse(test::source_file("src/help/content/" + name + ".json"));
}

// As the templates write text (web::Template's escaping); "&" first, so no entity is escaped twice.
std::string escaped(std::string text) {
  static const std::vector<std::pair<std::string, std::string>> kEntities = {
      {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&apos;"}};
  for (const auto& [from, to] : kEntities)
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  return text;
}

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

class HelpTest : public HttpTest {
 protected:
  Client in_language(const TestServer::Tenant& t, const std::string& locale) {
    Client c = member_of(t);
    c.cookies()["fremdrift_lang"] = locale;
    return c;
  }
};

TEST_F(HelpTest, EveryTopicAnswersInEachLanguageWithItsTitle) {
  auto t = server().create_tenant("help-pages");
  const json topics = content("topics")["topics"];
  ASSERT_GE(topics.size(), 12u);
  for (const auto& locale : kLocales) {
    Client c = in_language(t, locale);
    const json words = content(locale);
    auto index = c.get("/help");
    ASSERT_EQ(index.status, 200) << locale;
    EXPECT_TRUE(has(index.body, "<html lang=\"" + locale + "\">")) << locale;
    for (const auto& topic : topics) {
      const std::string id = topic["id"];
      const std::string title = words[id]["title"];
      EXPECT_TRUE(has(index.body, "href=\"/help/" + id + "\"")) << locale << " " << id;
      EXPECT_TRUE(has(index.body, escaped(title))) << locale << " " << id;
      auto page = c.get("/help/" + id);
      ASSERT_EQ(page.status, 200) << locale << " " << id;
      EXPECT_TRUE(has(page.body, "<h1>" + escaped(title) + "</h1>")) << locale << " " << id;
      EXPECT_TRUE(has(page.body, "<title>" + escaped(title))) << locale << " " << id;
      EXPECT_TRUE(has(page.body, escaped(words[id]["steps"][0].get<std::string>())))
          << locale << " " << id;
    }
  }
}

TEST_F(HelpTest, UnknownTopicIsNotFound) {
  auto t = server().create_tenant("help-missing");
  Client c = member_of(t);
  EXPECT_EQ(c.get("/help/no-such-topic").status, 404);
  EXPECT_EQ(c.get("/api/v1/help/no-such-topic").status, 404);
  EXPECT_EQ(c.get("/api/v1/help/no-such-topic").json()["error"]["code"], "not_found");
}

TEST_F(HelpTest, NeedsALogin) {
  Client anonymous = client();
  EXPECT_EQ(anonymous.get("/help").status, 303);
  EXPECT_EQ(anonymous.get("/help/run-charts").status, 303);
  EXPECT_EQ(anonymous.get("/api/v1/help").status, 401);
}

TEST_F(HelpTest, PhasesAndMapKindsLeadToTheirTopic) {
  auto t = server().create_tenant("help-phases");
  Client c = member_of(t);
  auto trial = c.get("/help/phases/trial");
  EXPECT_EQ(trial.status, 303);
  EXPECT_EQ(trial.header("location"), "/help/trial");
  EXPECT_EQ(c.get("/help/phases/before-start").header("location"), "/help/charter");
  EXPECT_EQ(c.get("/help/phases/launch").header("location"), "/help/ffb");
  EXPECT_EQ(c.get("/help/phases/evaluation").header("location"), "/help/agile-arena");
  // A key no topic explains is not found, like an unknown topic.
  EXPECT_EQ(c.get("/help/phases/our-own-phase").status, 404);
  EXPECT_EQ(c.get("/help/maps/sketch").status, 404);
  EXPECT_EQ(c.get("/help/maps/as_is").header("location"), "/help/as-is-map");
  EXPECT_EQ(c.get("/help/maps/redesign").header("location"), "/help/redesign");
}

TEST_F(HelpTest, ApiListsAndShowsTopicsInTheCallersLanguage) {
  auto t = server().create_tenant("help-api");
  const json topics = content("topics")["topics"];
  for (const auto& locale : kLocales) {
    Client c = in_language(t, locale);
    const json words = content(locale);
    auto list = c.get("/api/v1/help");
    ASSERT_EQ(list.status, 200) << list.body;
    const json items = list.json()["items"];
    ASSERT_EQ(items.size(), topics.size()) << locale;
    EXPECT_TRUE(list.json()["next_cursor"].is_null());
    for (std::size_t i = 0; i < items.size(); ++i) {
      EXPECT_EQ(items[i]["id"], topics[i]["id"]);
      EXPECT_EQ(items[i]["title"], words[topics[i]["id"].get<std::string>()]["title"]);
    }
    auto one = c.get("/api/v1/help/run-charts");
    ASSERT_EQ(one.status, 200) << one.body;
    const json j = one.json();
    EXPECT_EQ(j["lang"], locale);
    EXPECT_EQ(j["group"], "tools");
    EXPECT_EQ(j["title"], words["run-charts"]["title"]);
    EXPECT_EQ(j["steps"], words["run-charts"]["steps"]);
    for (const char* k : {"summary", "why", "tip", "where"})
      EXPECT_EQ(j[k], words["run-charts"][k]) << k;
    EXPECT_EQ(j["related"], topics[10]["related"]);
  }
  // The list pages like every other list.
  Client c = member_of(t);
  auto first = c.get("/api/v1/help?limit=5").json();
  ASSERT_EQ(first["items"].size(), 5u);
  auto next = c.get("/api/v1/help?limit=5&cursor=" + first["next_cursor"].get<std::string>());
  EXPECT_EQ(next.json()["items"][0]["id"], topics[5]["id"]);
}

TEST_F(HelpTest, PagesLinkToTheHelpThatExplainsThem) {
  auto [t, admin] = new_tenant_admin("help-links");
  const std::string id = new_project(admin, "Hjælp-projekt");
  const std::string base = "/projects/" + id;
  // The overview's phase stepper: help with the current phase.
  auto overview = admin.get(base);
  ASSERT_EQ(overview.status, 200);
  EXPECT_TRUE(has(overview.body, "href=\"/help/phases/before-start\"")) << overview.body;
  const std::string kpi =
      created_id(admin, "/api/v1/projects/" + id + "/kpis", {{"name", "Ventetid"}});
  const std::vector<std::pair<std::string, std::string>> pages = {
      {base + "/maps", "/help/as-is-map"},      {base + "/maps", "/help/redesign"},
      {base + "/kpis", "/help/kpis"},           {base + "/kpis/" + kpi, "/help/run-charts"},
      {base + "/kaizen", "/help/kaizen"},       {base + "/decisions", "/help/meetings"},
      {base + "/adoption", "/help/adoption"},   {base + "/closing-report", "/help/closing-report"},
      {base + "/actions", "/help/action-plan"}, {base + "/roles", "/help/steering-group"},
      {base + "/wins", "/help/wins"},           {base + "/charter", "/help/charter"}};
  for (const auto& [page, help] : pages) {
    auto r = admin.get(page);
    ASSERT_EQ(r.status, 200) << page;
    EXPECT_TRUE(has(r.body, "href=\"" + help + "\"")) << page << " lacks " << help;
  }
  // The downloaded closing report is a document, without the app's links.
  auto file = admin.get(base + "/closing-report?download=1");
  EXPECT_FALSE(has(file.body, "/help/closing-report"));
}

}  // namespace
}  // namespace testing_http
