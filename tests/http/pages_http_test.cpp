// The browser pages at HTTP level: language, forms that keep what was typed,
// CSRF, escaping and asset caching. (Playwright covers real browsing.)
#include <regex>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class PagesTest : public HttpTest {
 protected:
  Client browser_login(const TestServer::Tenant& t) {
    Client c = client();
    auto r = c.post_form("/login", {{"email", t.admin_email}, {"password", TestServer::kPassword}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), "/overview");
    // The CSRF token for forms comes from the page itself.
    auto page = c.get("/org").body;
    std::smatch m;
    std::regex re("name=\"_csrf\" value=\"([^\"]+)\"");
    if (std::regex_search(page, m, re)) c.set_csrf(m[1]);
    return c;
  }
};

TEST_F(PagesTest, LoginPageSpeaksDanishByDefaultAndSwedishOnRequest) {
  Client c = client();
  auto da = c.get("/login");
  EXPECT_EQ(da.status, 200);
  EXPECT_NE(da.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(da.header("x-content-type-options"), "nosniff");
  expect_body_has(da, {"<html lang=\"da\">", "Log ind"});
  auto switched = c.post_form("/lang", {{"lang", "sv"}, {"next", "/login"}});
  EXPECT_EQ(switched.status, 303);
  EXPECT_EQ(switched.header("location"), "/login");
  auto sv = c.get("/login");
  expect_body_has(sv, {"<html lang=\"sv\">", "Logga in"});
  // The switch never redirects off-site.
  EXPECT_EQ(c.post_form("/lang", {{"lang", "en"}, {"next", "//evil.example"}}).header("location"),
            "/");
}

TEST_F(PagesTest, PagesNeedLoginAndWrongPasswordKeepsTheEmail) {
  Client c = client();
  auto r = c.get("/org");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/login", 0), 0u);
  auto t = server().create_tenant("pages");
  auto bad = c.post_form("/login", {{"email", t.admin_email}, {"password", "wrong-wrong-wrong"}});
  EXPECT_EQ(bad.status, 401);
  expect_body_has(bad, {"value=\"" + t.admin_email + "\"", "Forkert e-mail eller adgangskode"});
}

TEST_F(PagesTest, AddUnitFormShowsFieldErrorsAndKeepsTypedValues) {
  auto t = server().create_tenant("forms");
  Client c = browser_login(t);
  std::string long_name(201, 'z');
  auto r = c.post_form("/org/units", {{"_csrf", c.csrf()}, {"name", long_name}, {"kind", "team"}});
  expect_refused_input(r, {"value=\"" + long_name + "\"", "må højst være 200 tegn",
                           "aria-invalid=\"true\"", "<option value=\"team\" selected>"});
  auto ok = c.post_form("/org/units", {{"_csrf", c.csrf()}, {"name", "<script>alert(1)</script>"}});
  EXPECT_EQ(ok.status, 303);
  auto page = c.get("/org").body;
  EXPECT_EQ(page.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(PagesTest, FormsWithoutCsrfTokenAreRefused) {
  auto t = server().create_tenant("nocsrf");
  Client c = browser_login(t);
  auto r = c.post_form("/org/units", {{"name", "Ingen token"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("Genindlæs"), std::string::npos);
}

TEST_F(PagesTest, StaleEditShowsConflictAndKeepsTheUsersText) {
  auto t = server().create_tenant("conflict");
  Client c = browser_login(t);
  c.post_form("/org/units", {{"_csrf", c.csrf()}, {"name", "Original"}});
  Client api = admin_of(t);
  auto unit = api.get("/api/v1/units").json()["items"][0];
  std::string id = unit["id"];
  api.send_json("PATCH", "/api/v1/units/" + id, {{"name", "Ændret af en anden"}, {"version", 1}});
  auto r =
      c.post_form("/org/units/" + id,
                  {{"_csrf", c.csrf()}, {"name", "Min tekst"}, {"kind", "unit"}, {"version", "1"}});
  expect_stale_form(r, "value=\"Min tekst\"", "Ændret af en anden", 2);
  EXPECT_EQ(api.get("/api/v1/units/" + id).json()["name"], "Ændret af en anden");
}

TEST_F(PagesTest, EveryPageRendersForAnAdmin) {
  auto t = server().create_tenant("render");
  Client c = browser_login(t);
  c.post_form("/org/units", {{"_csrf", c.csrf()}, {"name", "Enhed"}});
  Client api = admin_of(t);
  std::string unit = api.get("/api/v1/units").json()["items"][0]["id"];
  std::string person = api.get("/api/v1/people").json()["items"][0]["id"];
  for (const std::string& path : std::vector<std::string>{
           "/org", "/org/units/" + unit, "/people", "/people/" + person,
           "/people/" + person + "/login", "/audit", "/audit?entity=unit", "/account"}) {
    auto r = c.get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_NE(r.body.find("class=\"skip-link\""), std::string::npos) << path;
    EXPECT_EQ(r.header("cache-control"), "no-store") << path;
  }
  EXPECT_EQ(c.get("/org/units/01ARZ3NDEKTSV4RRFFQ69G5FAV").status, 404);
}

TEST_F(PagesTest, AssetsHaveContentHashNamesAndLongCaching) {
  auto page = client().get("/login").body;
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(page, m, std::regex("href=\"(/assets/app\\.[0-9a-f]{12}\\.css)\"")));
  auto css = client().get(m[1]);
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(css.header("content-type").rfind("text/css", 0), 0u);
  ASSERT_TRUE(std::regex_search(page, m, std::regex("src=\"(/assets/app\\.[0-9a-f]{12}\\.js)\"")));
  EXPECT_EQ(client().get(m[1]).status, 200);
  EXPECT_EQ(client().get("/assets/app.000000000000.css").status, 404);
}

}  // namespace
}  // namespace testing_http
