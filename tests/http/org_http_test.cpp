// Units and people as declared tenant resources: the field rules the API and the forms
// share, the edit forms' refusals and the conditional delete.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class OrgTest : public HttpTest {};

TEST_F(OrgTest, FieldRulesNameTheFieldInTheApi) {
  auto [t, c] = new_tenant_admin("org-rules");
  auto bad_id = c.send_json("POST", "/api/v1/units", {{"name", "X"}, {"parent_id", "not-an-id"}});
  EXPECT_EQ(bad_id.status, 422);
  EXPECT_EQ(bad_id.json()["error"]["fields"]["parent_id"], "is not a valid id");
  auto bad_locale = c.send_json("POST", "/api/v1/people", {{"name", "P"}, {"locale", "de"}});
  EXPECT_EQ(bad_locale.status, 422);
  EXPECT_EQ(bad_locale.json()["error"]["fields"]["locale"], "must be one of: da, sv, en");
  auto person = c.send_json("POST", "/api/v1/people", {{"name", "P"}, {"email", "P@Example.dk"}});
  ASSERT_EQ(person.status, 201);
  EXPECT_EQ(person.json()["email"], "p@example.dk");
  EXPECT_EQ(person.header("location"), "/api/v1/people/" + person.json()["id"].get<std::string>());
  std::string path = "/api/v1/people/" + person.json()["id"].get<std::string>();
  auto changed = c.send_json("PATCH", path, {{"email", "Q@Example.dk"}, {"version", 1}});
  ASSERT_EQ(changed.status, 200);
  EXPECT_EQ(changed.json()["email"], "q@example.dk");
  EXPECT_EQ(changed.json()["name"], "P");  // a partial update leaves the rest
  EXPECT_EQ(changed.header("etag"), "\"2\"");
  auto stale = c.send_json("PATCH", path, {{"name", "Q"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["message"], "the person was changed by someone else (version 2)");
}

TEST_F(OrgTest, DeleteWithAStaleIfMatchConflictsAndMembersCannotWrite) {
  auto [t, c] = new_tenant_admin("org-delete");
  auto unit = c.send_json("POST", "/api/v1/units", {{"name", "Væk"}}).json();
  std::string path = "/api/v1/units/" + unit["id"].get<std::string>();
  c.send_json("PATCH", path, {{"name", "Stadig her"}, {"version", 1}});
  EXPECT_EQ(
      c.request("DELETE", path, "", {{"X-CSRF-Token", c.csrf()}, {"If-Match", "\"1\""}}).status,
      409);
  Client member = member_of(t);
  EXPECT_EQ(member.send_json("PATCH", path, {{"name", "Nej"}, {"version", 2}}).status, 403);
  EXPECT_EQ(member.send_json("DELETE", path, nullptr).status, 403);
  EXPECT_EQ(c.get(path).json()["name"], "Stadig her");
  EXPECT_EQ(c.send_json("DELETE", path, nullptr).status, 204);
  EXPECT_EQ(c.get(path).status, 404);
}

TEST_F(OrgTest, PersonEditFormShowsRefusalsWithWhatWasTyped) {
  auto [t, c] = new_tenant_admin("org-person-form");
  auto person = c.send_json("POST", "/api/v1/people", {{"name", "Original"}}).json();
  std::string id = person["id"];
  auto invalid = c.post_form(
      "/people/" + id,
      {{"_csrf", c.csrf()}, {"name", "Min tekst"}, {"email", "ikke-en-adresse"}, {"version", "1"}});
  expect_refused_input(invalid, {"value=\"Min tekst\"", "aria-invalid=\"true\""});
  c.send_json("PATCH", "/api/v1/people/" + id, {{"name", "Ændret af en anden"}, {"version", 1}});
  auto stale =
      c.post_form("/people/" + id,
                  {{"_csrf", c.csrf()}, {"name", "Min tekst"}, {"active", "on"}, {"version", "1"}});
  expect_stale_form(stale, "value=\"Min tekst\"", "Ændret af en anden", 2);
  auto saved =
      c.post_form("/people/" + id, {{"_csrf", c.csrf()}, {"name", "Min tekst"}, {"version", "2"}});
  EXPECT_EQ(saved.status, 303);
  auto stored = c.get("/api/v1/people/" + id).json();
  EXPECT_EQ(stored["name"], "Min tekst");
  EXPECT_FALSE(stored["active"].get<bool>());  // the unticked checkbox
  auto added = c.post_form("/people", {{"_csrf", c.csrf()}, {"name", ""}});
  EXPECT_EQ(added.status, 422);
}

TEST_F(OrgTest, LoginFormRefusalsShowThePageAgain) {
  auto [t, c] = new_tenant_admin("org-login-form");
  auto person =
      c.send_json("POST", "/api/v1/people", {{"name", "Ny"}, {"email", "ny@" + t.slug + ".test"}})
          .json();
  std::string page = "/people/" + person["id"].get<std::string>() + "/login";
  auto weak = c.post_form(page, {{"_csrf", c.csrf()}, {"password", "kort"}, {"role", "admin"}});
  expect_refused_input(weak, {"aria-invalid=\"true\""});
  auto made = c.post_form(
      page,
      {{"_csrf", c.csrf()}, {"password", "Et langt og godt kodeord 2026"}, {"role", "member"}});
  ASSERT_EQ(made.status, 303);
  auto login = c.get("/api/v1" + page).json();
  c.send_json("PATCH", "/api/v1/logins/" + login["id"].get<std::string>(),
              {{"role", "admin"}, {"version", 1}});
  auto stale =
      c.post_form(page + "/update", {{"_csrf", c.csrf()}, {"role", "member"}, {"version", "1"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("name=\"version\" value=\"2\""), std::string::npos);
  std::string me = c.get("/api/v1/me").json()["person_id"];
  auto own =
      c.post_form("/people/" + me + "/login/update",
                  {{"_csrf", c.csrf()}, {"role", "member"}, {"active", "on"}, {"version", "1"}});
  EXPECT_EQ(own.status, 403);
  EXPECT_EQ(c.get("/api/v1/me").json()["role"], "admin");
}

}  // namespace
}  // namespace testing_http
