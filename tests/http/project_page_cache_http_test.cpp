// The project overview is kept while the database shows no change (D54): a repeated view is
// the same page, a write through any instance shows on the next view, and every caller,
// language and minute gets a page of its own.
#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

using ProjectPageCacheTest = TwoInstanceTest;

TEST_F(ProjectPageCacheTest, AWriteOnAnyInstanceShowsOnTheNextView) {
  auto [t, api] = new_tenant_admin("pcache");
  std::string id = new_project(api, "Overblik før ændring");
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  const std::string page = "/projects/" + id;
  auto first = c.get(page);
  auto again = c.get(page);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("content-type"), first.header("content-type"));
  EXPECT_EQ(again.header("cache-control"), "no-store");
  // A write through the other instance: the page read here shows it at once.
  Client there = elsewhere();
  there.cookies() = api.cookies();
  there.set_csrf(api.csrf());
  ASSERT_EQ(
      there.send_json("POST", "/api/v1/projects/" + id + "/kpis", {{"name", "Ventetid"}}).status,
      201);
  auto after_kpi = c.get(page);
  EXPECT_NE(after_kpi.body, first.body);
  EXPECT_NE(after_kpi.body.find("KPI&apos;en »Ventetid« har ingen baseline"), std::string::npos);
  // A write through this instance, by another session.
  ASSERT_EQ(api.send_json("PATCH", "/api/v1/projects/" + id,
                          {{"title", "Overblik efter ændring"}, {"version", 1}})
                .status,
            200);
  auto after_title = c.get(page).body;
  EXPECT_NE(after_title.find("Overblik efter ændring"), std::string::npos);
  EXPECT_EQ(after_title.find("Overblik før ændring"), std::string::npos);
  // The other instance, which never showed the page before the writes, agrees byte for byte.
  Client viewer_there = elsewhere();
  viewer_there.cookies() = c.cookies();
  EXPECT_EQ(viewer_there.get(page).body, after_title);
}

TEST_F(ProjectPageCacheTest, EachCallerAndLanguageGetsItsOwnPage) {
  auto [t, api] = new_tenant_admin("pcachewho");
  std::string id = new_project(api, "Hvem ser hvad");
  Client admin = client();
  ASSERT_EQ(form_login(admin, t.admin_email), 303);
  Client member = client();
  ASSERT_EQ(form_login(member, t.member_email), 303);
  give_project_role(api, id, member, "project_group");
  const std::string page = "/projects/" + id;
  auto admins = admin.get(page);
  ASSERT_EQ(admins.status, 200);
  auto members = member.get(page);
  ASSERT_EQ(members.status, 200);
  const std::string admin_token = form_csrf(admins.body);
  const std::string member_token = form_csrf(members.body);
  ASSERT_FALSE(admin_token.empty());
  ASSERT_FALSE(member_token.empty());
  EXPECT_NE(admin_token, member_token);
  EXPECT_EQ(members.body.find(admin_token), std::string::npos);
  EXPECT_EQ(admin.get(page).body, admins.body);
  EXPECT_EQ(member.get(page).body, members.body);
  // The language is part of what a page is kept by.
  admin.cookies()["fremdrift_lang"] = "sv";
  auto swedish = admin.get(page).body;
  EXPECT_NE(swedish.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(swedish, admins.body);
  // A caller outside the tenant is refused as before, kept page or not.
  auto [other, stranger] = new_tenant_admin("pcachestranger");
  EXPECT_EQ(stranger.get(page).status, 404);
}

}  // namespace
}  // namespace testing_http
