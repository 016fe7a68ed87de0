// Tenant copies of method templates: copy, edit, use, and isolation.
#include <regex>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class TemplatesTest : public HttpTest {};

TEST_F(TemplatesTest, AdminsCopyAndEditTemplatesAndProjectsKeepTheirVersion) {
  auto t = server().create_tenant("tcopy");
  auto other = server().create_tenant("tcopyother");
  Client admin = admin_of(t);
  Client member = member_of(t);

  EXPECT_EQ(
      member
          .send_json("POST", "/api/v1/templates", {{"copy_of", "kl-workflow"}, {"key", "kl-egen"}})
          .status,
      403);
  auto bad_key = admin.send_json("POST", "/api/v1/templates",
                                 {{"copy_of", "kl-workflow"}, {"key", "KL Egen"}});
  EXPECT_EQ(bad_key.status, 422);
  EXPECT_TRUE(bad_key.json()["error"]["fields"].contains("key"));
  EXPECT_EQ(
      admin.send_json("POST", "/api/v1/templates", {{"copy_of", "ffb"}, {"key", "ffb"}}).status,
      422);
  auto unknown = admin.send_json("POST", "/api/v1/templates",
                                 {{"copy_of", "prince2"}, {"key", "prince-egen"}});
  EXPECT_EQ(unknown.status, 404);

  auto copy = admin.send_json(
      "POST", "/api/v1/templates",
      {{"copy_of", "kl-workflow"}, {"key", "kl-egen"}, {"name", "Arbejdsgange, vores udgave"}});
  ASSERT_EQ(copy.status, 201) << copy.body;
  json definition = copy.json();
  EXPECT_EQ(definition["shipped"], false);
  EXPECT_EQ(definition["based_on"], "kl-workflow");
  EXPECT_EQ(definition["version"], 1);
  EXPECT_EQ(definition["phases"].size(), 6u);
  EXPECT_EQ(
      admin.send_json("POST", "/api/v1/templates", {{"copy_of", "ffb"}, {"key", "kl-egen"}}).status,
      422);  // the key is taken

  // The list offers shipped templates first, then the tenant's own; others do not see it.
  auto list = member.get("/api/v1/templates").json()["items"];
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[3]["key"], "kl-egen");
  EXPECT_EQ(admin_of(other).get("/api/v1/templates").json()["items"].size(), 3u);
  EXPECT_EQ(admin_of(other).get("/api/v1/templates/kl-egen").status, 404);

  // Edit: one language is enough for new text; the first phase gets a new item.
  std::size_t first_phase_items = definition["phases"][0]["items"].size();
  definition["phases"][0]["items"].push_back({{"text", {{"da", "Tjek borgerrådgiveren"}}}});
  definition["phases"][0]["name"]["da"] = "Forberedelse";
  auto edited = admin.send_json("PUT", "/api/v1/templates/kl-egen", definition);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["version"], 2);
  EXPECT_EQ(edited.json()["phases"][0]["items"].size(), first_phase_items + 1);
  EXPECT_TRUE(edited.json()["phases"][0]["items"].back()["key"].is_string());
  auto stale = admin.send_json("PUT", "/api/v1/templates/kl-egen", definition);  // version 1
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["current"]["version"], 2);
  json broken = edited.json();
  broken["phases"] = json::array();
  auto refused = admin.send_json("PUT", "/api/v1/templates/kl-egen", broken);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(refused.json()["error"]["fields"].contains("definition"));
  EXPECT_EQ(admin.get("/api/v1/templates/kl-egen").json()["version"], 2);  // unchanged
  json shipped = admin.get("/api/v1/templates/ffb").json();
  shipped["version"] = 1;
  EXPECT_EQ(admin.send_json("PUT", "/api/v1/templates/ffb", shipped).status, 403);

  // A project from the own template gets its checklist and keeps it after later edits.
  auto p = member.send_json("POST", "/api/v1/projects",
                            {{"title", "Eget forløb"}, {"template", "kl-egen"}});
  ASSERT_EQ(p.status, 201) << p.body;
  std::string path = "/api/v1/projects/" + p.json()["id"].get<std::string>();
  EXPECT_EQ(member.get(path + "/checklist?limit=200").json()["items"].size(), 57u);
  json later = admin.get("/api/v1/templates/kl-egen").json();
  later["phases"].erase(1);
  ASSERT_EQ(admin.send_json("PUT", "/api/v1/templates/kl-egen", later).status, 200);
  EXPECT_EQ(admin.send_json("DELETE", "/api/v1/templates/kl-egen", nullptr).status, 204);
  EXPECT_EQ(admin.get("/api/v1/templates/kl-egen").status, 404);
  auto moved = admin.send_json("POST", path + "/phase",
                               {{"to_phase", "as-is-mapping"},
                                {"decision", "Videre"},
                                {"open_items_reason", "Tages senere"}});
  EXPECT_EQ(moved.status, 200) << moved.body;  // the project still knows its six phases
  auto page = member.get("/projects/" + p.json()["id"].get<std::string>());
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Forberedelse"), std::string::npos);
}

TEST_F(TemplatesTest, TheTemplatePagesCopyAndEditInTheReadersLanguage) {
  auto t = server().create_tenant("tpages");
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  auto list = c.get("/templates");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Metodeskabeloner"), std::string::npos);
  std::string csrf = form_csrf(list.body);
  ASSERT_FALSE(csrf.empty());
  std::smatch m;
  auto bad = c.post_form(
      "/templates", {{"_csrf", csrf}, {"copy_of", "agile-arena"}, {"key", "X"}, {"name", "Puls"}});
  expect_refused_input(bad, {"value=\"Puls\""});
  auto made =
      c.post_form("/templates",
                  {{"_csrf", csrf}, {"copy_of", "agile-arena"}, {"key", "puls"}, {"name", "Puls"}});
  ASSERT_EQ(made.status, 303);
  auto page = c.get("/templates/puls");
  ASSERT_EQ(page.status, 200);
  ASSERT_TRUE(std::regex_search(
      page.body, m,
      std::regex("<textarea id=\"(g-0-all)\" name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>")));
  std::string field = m[2];
  std::string lines = m[3];
  auto saved = c.post_form("/templates/puls", {{"_csrf", csrf},
                                               {"version", "1"},
                                               {"name", "Puls på Fyn"},
                                               {field, lines + "\nNyt punkt fra formularen"}});
  EXPECT_EQ(saved.status, 303);
  Client api = admin_of(t);
  auto stored = api.get("/api/v1/templates/puls").json();
  EXPECT_EQ(stored["name"]["da"], "Puls på Fyn");
  EXPECT_EQ(stored["phases"][0]["items"].back()["text"]["da"], "Nyt punkt fra formularen");
  // The untouched items keep their Swedish text.
  EXPECT_TRUE(stored["phases"][0]["items"][0]["text"].contains("sv"));
  auto conflict =
      c.post_form("/templates/puls",
                  {{"_csrf", csrf}, {"version", "1"}, {"name", "Min tekst"}, {field, lines}});
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.body.find("value=\"Min tekst\""), std::string::npos);  // kept
}

}  // namespace
}  // namespace testing_http
