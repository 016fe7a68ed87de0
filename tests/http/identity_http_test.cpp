// Each instance keeps who a session or token stands for in memory; a change made through
// one instance must still take effect at once on another serving the same database.
#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

using IdentityTest = TwoInstanceTest;

TEST_F(IdentityTest, ALogoutEndsTheSessionOnEveryInstance) {
  auto [t, here] = new_tenant_admin("ident-out");
  Client there = elsewhere();
  there.cookies() = here.cookies();
  ASSERT_EQ(there.get("/api/v1/me").status, 200);  // now remembered there
  ASSERT_EQ(there.get("/api/v1/me").status, 200);
  EXPECT_EQ(here.send_json("DELETE", "/api/v1/session", nullptr).status, 204);
  EXPECT_EQ(there.get("/api/v1/me").status, 401);
  EXPECT_EQ(here.get("/api/v1/me").status, 401);
}

TEST_F(IdentityTest, ARevokedTokenStopsOnEveryInstance) {
  auto [t, admin] = new_tenant_admin("ident-tok");
  auto token = admin.send_json("POST", "/api/v1/tokens", {{"name", "sync"}}).json();
  Client there = elsewhere();
  there.use_bearer(token["token"]);
  ASSERT_EQ(there.get("/api/v1/me").status, 200);
  ASSERT_EQ(there.get("/api/v1/me").status, 200);
  std::string id = token["id"];
  EXPECT_EQ(admin.send_json("DELETE", "/api/v1/tokens/" + id, nullptr).status, 204);
  EXPECT_EQ(there.get("/api/v1/me").status, 401);
}

TEST_F(IdentityTest, RoleLoginNameAndTenantChangesReachEveryInstance) {
  auto [t, admin] = new_tenant_admin("ident-role");
  std::string person_path =
      "/api/v1/people/" + new_person(admin, "Kim Kollega", {{"email", "kim@" + t.slug + ".test"}});
  auto login = admin
                   .send_json("POST", person_path + "/login",
                              {{"password", "sparrow-kettle-first-7"}, {"role", "admin"}})
                   .json();
  Client kim = elsewhere();
  ASSERT_EQ(kim.login("kim@" + t.slug + ".test", "sparrow-kettle-first-7").status, 200);
  ASSERT_EQ(kim.get("/api/v1/me").json()["role"], "admin");

  std::string login_path = "/api/v1/logins/" + login["id"].get<std::string>();
  ASSERT_EQ(admin.send_json("PATCH", login_path, {{"role", "member"}, {"version", 1}}).status, 200);
  EXPECT_EQ(kim.get("/api/v1/me").json()["role"], "member");
  EXPECT_EQ(kim.send_json("POST", "/api/v1/units", {{"name", "Ikke tilladt"}}).status, 403);

  ASSERT_EQ(admin.send_json("PATCH", person_path, {{"name", "Kim Omdøbt"}, {"version", 1}}).status,
            200);
  EXPECT_EQ(kim.get("/api/v1/me").json()["name"], "Kim Omdøbt");

  auto tenant = admin.get("/api/v1/tenant").json();
  ASSERT_EQ(admin
                .send_json("PATCH", "/api/v1/tenant",
                           {{"time_zone", "Europe/Stockholm"}, {"version", tenant["version"]}})
                .status,
            200);
  EXPECT_EQ(kim.get("/api/v1/me").json()["tenant"]["time_zone"], "Europe/Stockholm");

  ASSERT_EQ(admin.send_json("PATCH", login_path, {{"active", false}, {"version", 2}}).status, 200);
  EXPECT_EQ(kim.get("/api/v1/me").status, 401);
}

}  // namespace
}  // namespace testing_http
