// The kit for project-scoped resources (issue 11), through its first resource, the wins
// log: cursor paging, partial updates with versions, not-found before forbidden, the
// OpenAPI entries — the behaviour every resource declared on the kit gets.
#include <set>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class KitTest : public HttpTest {};

TEST_F(KitTest, PagingThroughAListReturnsEachItemExactlyOnce) {
  auto [t, c] = new_tenant_admin("kit-paging");
  std::string wins = "/api/v1/projects/" + new_project(c, "Kit") + "/wins";
  // 450 wins over 30 days: many share a date, so the cursor must carry the id too.
  for (int i = 0; i < 450; ++i) {
    char day[11];
    std::snprintf(day, sizeof day, "2026-03-%02d", 1 + i % 30);
    ASSERT_EQ(
        c.send_json("POST", wins, {{"text", "Sejr " + std::to_string(i)}, {"happened_on", day}})
            .status,
        201);
  }
  std::set<std::string> seen;
  std::string last_date = "9999";
  std::string cursor;
  int pages = 0;
  do {
    auto r = c.get(wins + "?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    EXPECT_LE(body["items"].size(), 200u);
    for (const auto& w : body["items"]) {
      EXPECT_TRUE(seen.insert(w["id"].get<std::string>()).second) << "twice: " << w["id"];
      EXPECT_LE(w["happened_on"].get<std::string>(), last_date);  // newest first throughout
      last_date = w["happened_on"];
    }
    cursor = body["next_cursor"].is_null() ? "" : body["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 450u);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(c.get(wins + "?cursor=nonsense").status, 422);
  EXPECT_EQ(c.get(wins + "?limit=201").status, 422);
}

TEST_F(KitTest, ListsSortedInMemoryPageToo) {
  // The audit's case: the action plan answered 245 rows to limit=200.
  auto [t, c] = new_tenant_admin("kit-actions");
  std::string plan = "/api/v1/projects/" + new_project(c, "Kit") + "/actions";
  for (int i = 0; i < 245; ++i)
    ASSERT_EQ(c.send_json("POST", plan, {{"task", "Opgave " + std::to_string(i)}}).status, 201);
  auto first = c.get(plan + "?limit=200&sort=created").json();
  ASSERT_EQ(first["items"].size(), 200u);
  ASSERT_TRUE(first["next_cursor"].is_string());
  auto second =
      c.get(plan + "?limit=200&sort=created&cursor=" + first["next_cursor"].get<std::string>())
          .json();
  ASSERT_EQ(second["items"].size(), 45u);
  EXPECT_TRUE(second["next_cursor"].is_null());
  std::set<std::string> seen;
  for (const auto* page : {&first, &second})
    for (const auto& a : (*page)["items"]) seen.insert(a["id"].get<std::string>());
  EXPECT_EQ(seen.size(), 245u);
  EXPECT_EQ(first["items"][0]["task"], "Opgave 0");
  EXPECT_EQ(second["items"][44]["task"], "Opgave 244");
  // Without a limit, a page holds 50.
  EXPECT_EQ(c.get(plan).json()["items"].size(), 50u);
}

TEST_F(KitTest, UpdatesArePartialVersionedAndChecked) {
  auto [t, c] = new_tenant_admin("kit-update");
  auto w =
      c.send_json("POST", "/api/v1/projects/" + new_project(c, "Kit") + "/wins",
                  {{"text", "Første udgave"}, {"kind", "other"}, {"happened_on", "2026-03-02"}});
  ASSERT_EQ(w.status, 201) << w.body;
  EXPECT_EQ(w.header("location"), "/api/v1/wins/" + w.json()["id"].get<std::string>());
  std::string path = "/api/v1/wins/" + w.json()["id"].get<std::string>();
  EXPECT_EQ(w.json()["version"], 1);
  auto changed = c.send_json("PATCH", path, {{"text", "Rettet"}, {"version", 1}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["text"], "Rettet");
  EXPECT_EQ(changed.json()["happened_on"], "2026-03-02");  // not named: unchanged
  EXPECT_EQ(changed.json()["version"], 2);
  // A stale version: 409 with what is stored, nothing overwritten.
  auto stale = c.send_json("PATCH", path, {{"text", "Gammel"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["current"]["text"], "Rettet");
  EXPECT_EQ(stale.json()["error"]["current"]["version"], 2);
  // Bad input names the field and stores nothing.
  auto bad =
      c.send_json("PATCH", path,
                  {{"text", ""}, {"happened_on", "2026-02-30"}, {"link", "//x"}, {"version", 2}});
  EXPECT_EQ(bad.status, 422);
  for (const char* field : {"text", "happened_on", "link"})
    EXPECT_TRUE(bad.json()["error"]["fields"].contains(field)) << field;
  EXPECT_EQ(c.get(path).json()["text"], "Rettet");
  EXPECT_EQ(c.send_json("PATCH", path, {{"text", "Uden version"}}).status, 422);
  // The audit log has the change.
  auto audit = c.get("/api/v1/audit?entity=win").json()["items"];
  bool updated = false;
  for (const auto& a : audit) updated = updated || a["action"] == "update";
  EXPECT_TRUE(updated);
}

TEST_F(KitTest, NotFoundBeforeForbiddenAndRightsPerOperation) {
  auto a = server().create_tenant("kit-a");
  auto b = server().create_tenant("kit-b");
  auto admin_a = admin_of(a);
  auto w = admin_a.send_json("POST", "/api/v1/projects/" + new_project(admin_a, "Kit") + "/wins",
                             {{"text", "Kun for A"}});
  ASSERT_EQ(w.status, 201);
  std::string path = "/api/v1/wins/" + w.json()["id"].get<std::string>();
  auto admin_b = admin_of(b);
  EXPECT_EQ(admin_b.get(path).status, 404);
  EXPECT_EQ(admin_b.send_json("PATCH", path, {{"text", "B"}, {"version", 1}}).status, 404);
  EXPECT_EQ(admin_b.send_delete(path).status, 404);
  // A member of A without a role reads but does not change.
  auto member_a = member_of(a);
  EXPECT_EQ(member_a.get(path).status, 200);
  EXPECT_EQ(member_a.send_json("PATCH", path, {{"text", "M"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member_a.send_delete(path).status, 403);
  EXPECT_EQ(admin_a.get(path).json()["text"], "Kun for A");
}

TEST_F(KitTest, EachReaderSeesAnAutomaticWinInTheirLanguage) {
  auto t = server().create_tenant("kit-messages");  // a Danish tenant
  auto c = admin_of(t);
  std::string id = new_project(c, "Kit");
  auto kpi = c.send_json("POST", "/api/v1/projects/" + id + "/kpis",
                         {{"name", "Ventetid"},
                          {"unit", "dage"},
                          {"direction", "lower"},
                          {"baseline", 20},
                          {"target", 10}});
  ASSERT_EQ(kpi.status, 201) << kpi.body;
  std::string measurements =
      "/api/v1/kpis/" + kpi.json()["id"].get<std::string>() + "/measurements";
  ASSERT_EQ(
      c.send_json("POST", measurements, json::array({{{"period", "2026-W02"}, {"value", 9.5}}}))
          .status,
      200);
  auto text_for = [&](const std::string& lang) {
    c.cookies()["fremdrift_lang"] = lang;
    auto wins = c.get("/api/v1/projects/" + id + "/wins").json()["items"];
    EXPECT_EQ(wins.size(), 1u);
    return wins.empty() ? std::string() : wins[0]["text"].get<std::string>();
  };
  EXPECT_EQ(text_for("sv"), "»Ventetid« nådde målet: 9,5 dage under 2026-W02");
  EXPECT_EQ(text_for("en"), "“Ventetid” reached its target: 9.5 dage in 2026-W02");
  EXPECT_EQ(text_for("da"), "»Ventetid« nåede målet: 9,5 dage i 2026-W02");
  // The page too.
  c.cookies()["fremdrift_lang"] = "sv";
  EXPECT_NE(c.get("/projects/" + id + "/wins").body.find("nådde målet: 9,5 dage"),
            std::string::npos);
}

TEST_F(KitTest, TheOpenApiDocumentListsTheDeclaredOperations) {
  auto doc = client().get("/api/v1/openapi.json").json();
  auto item = doc["paths"]["/api/v1/wins/{id}"];
  for (const char* method : {"get", "patch", "delete"})
    EXPECT_TRUE(item.contains(method)) << method;
  EXPECT_TRUE(doc["components"]["schemas"]["WinInput"]["required"].size() == 1);
  EXPECT_TRUE(doc["components"]["schemas"]["Win"]["properties"].contains("version"));
}

}  // namespace
}  // namespace testing_http
