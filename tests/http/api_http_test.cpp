// The JSON API's conventions, driven against the real binary.
#include <set>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class ApiTest : public HttpTest {};

TEST_F(ApiTest, LoginSetsHardenedCookieAndRejectsWrongPassword) {
  auto t = server().create_tenant("login");
  Client c = client();
  auto bad = c.login(t.admin_email, "wrong-password-123");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.json()["error"]["code"], "unauthorized");
  EXPECT_EQ(c.get("/api/v1/me").status, 401);

  auto ok = c.login(t.admin_email, TestServer::kPassword);
  ASSERT_EQ(ok.status, 200);
  auto cookie = ok.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain http on loopback
  auto me = c.get("/api/v1/me").json();
  EXPECT_EQ(me["tenant"]["slug"], t.slug);
  EXPECT_EQ(me["role"], "admin");
  EXPECT_FALSE(me["csrf_token"].get<std::string>().empty());
}

TEST_F(ApiTest, SecureCookieBehindHttpsProxy) {
  auto t = server().create_tenant("secure");
  Client c = client();
  auto r = c.request("POST", "/api/v1/session",
                     json{{"email", t.admin_email}, {"password", TestServer::kPassword}}.dump(),
                     {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("set-cookie").find("Secure"), std::string::npos);
}

TEST_F(ApiTest, CookieRequestsNeedCsrfTokenButBearerDoesNot) {
  auto [t, c] = new_tenant_admin("csrf");
  std::string csrf = c.csrf();
  c.set_csrf("");
  auto r = c.send_json("POST", "/api/v1/units", {{"name", "Uden token"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["error"]["code"], "csrf_failed");
  c.set_csrf("wrong");
  EXPECT_EQ(c.send_json("POST", "/api/v1/units", {{"name", "Forkert token"}}).status, 403);
  c.set_csrf(csrf);
  auto token = c.send_json("POST", "/api/v1/tokens", {{"name", "integration"}});
  ASSERT_EQ(token.status, 201);
  std::string secret = token.json()["token"];

  Client api = client();
  api.use_bearer(secret);
  EXPECT_EQ(api.get("/api/v1/me").json()["email"], t.admin_email);
  EXPECT_EQ(api.send_json("POST", "/api/v1/units", {{"name", "Via token"}}).status, 201);
  // The list of tokens never shows the secret again.
  auto list = c.get("/api/v1/tokens").json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_FALSE(list["items"][0].contains("token"));
  EXPECT_TRUE(list["items"][0]["last_used_at"].is_string());
  // Revoked tokens stop working at once.
  std::string id = token.json()["id"];
  EXPECT_EQ(c.send_json("DELETE", "/api/v1/tokens/" + id, nullptr).status, 204);
  EXPECT_EQ(api.get("/api/v1/me").status, 401);
}

TEST_F(ApiTest, CreatedObjectsCarryIdVersionAndTimestamps) {
  auto [t, c] = new_tenant_admin("stamps");
  auto r = c.send_json("POST", "/api/v1/units", {{"name", "Jobcenter"}, {"kind", "unit"}});
  ASSERT_EQ(r.status, 201);
  auto unit = r.json();
  EXPECT_EQ(unit["name"], "Jobcenter");
  EXPECT_EQ(unit["version"], 1);
  EXPECT_EQ(unit["id"].get<std::string>().size(), 26u);
  EXPECT_FALSE(unit["created_at"].get<std::string>().empty());
  EXPECT_EQ(unit["created_at"], unit["updated_at"]);
  EXPECT_EQ(r.header("etag"), "\"1\"");
  auto read = c.get("/api/v1/units/" + unit["id"].get<std::string>()).json();
  EXPECT_EQ(read, unit);
}

TEST_F(ApiTest, BadInputNamesTheFieldAndStoresNothing) {
  auto [t, c] = new_tenant_admin("bad");
  auto before = c.get("/api/v1/units").json()["items"].size();

  auto missing = c.send_json("POST", "/api/v1/units", json::object());
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json()["error"]["fields"]["name"], "is required");

  auto malformed =
      c.request("POST", "/api/v1/units",
                "{\"name\": ", {{"X-CSRF-Token", c.csrf()}, {"Content-Type", "application/json"}});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.json()["error"]["code"], "malformed_json");

  auto wrong_type = c.send_json("POST", "/api/v1/units", {{"name", 42}});
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(wrong_type.json()["error"]["fields"]["name"], "must be a string");

  auto too_long = c.send_json("POST", "/api/v1/units", {{"name", std::string(201, 'a')}});
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(too_long.json()["error"]["fields"]["name"], "must be at most 200 characters");

  auto bad_kind = c.send_json("POST", "/api/v1/units", {{"name", "X"}, {"kind", "castle"}});
  EXPECT_EQ(bad_kind.status, 422);
  EXPECT_TRUE(bad_kind.json()["error"]["fields"].contains("kind"));

  auto bad_parent = c.send_json("POST", "/api/v1/units",
                                {{"name", "X"}, {"parent_id", "01ARZ3NDEKTSV4RRFFQ69G5FAV"}});
  EXPECT_EQ(bad_parent.status, 422);
  EXPECT_EQ(bad_parent.json()["error"]["fields"]["parent_id"], "no such unit");

  auto bad_email =
      c.send_json("POST", "/api/v1/people", {{"name", "P"}, {"email", "not-an-address"}});
  EXPECT_EQ(bad_email.status, 422);
  EXPECT_TRUE(bad_email.json()["error"]["fields"].contains("email"));

  EXPECT_EQ(c.get("/api/v1/units").json()["items"].size(), before);
  EXPECT_EQ(c.get("/api/v1/people").json()["items"].size(), 2u);  // only the admin and the member
}

TEST_F(ApiTest, UpdatesNeedTheCurrentVersionAndStaleOnesConflict) {
  auto [t, c] = new_tenant_admin("version");
  auto unit = c.send_json("POST", "/api/v1/units", {{"name", "Sundhed"}}).json();
  std::string path = "/api/v1/units/" + unit["id"].get<std::string>();

  auto no_version = c.send_json("PATCH", path, {{"name", "Sundhed og Omsorg"}});
  EXPECT_EQ(no_version.status, 422);
  EXPECT_TRUE(no_version.json()["error"]["fields"].contains("version"));

  auto first = c.send_json("PATCH", path, {{"name", "Sundhed og Omsorg"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json()["version"], 2);
  EXPECT_EQ(first.json()["name"], "Sundhed og Omsorg");

  // A second editor still holding version 1 must not overwrite silently.
  auto current = stale_patch(c, path, {{"name", "Sundhed"}, {"version", 1}});
  EXPECT_EQ(current["name"], "Sundhed og Omsorg");
  EXPECT_EQ(current["version"], 2);
  EXPECT_EQ(c.get(path).json()["name"], "Sundhed og Omsorg");
}

TEST_F(ApiTest, MovingAUnitUnderItsOwnDescendantIsRefused) {
  auto [t, c] = new_tenant_admin("cycle");
  auto a = c.send_json("POST", "/api/v1/units", {{"name", "A"}, {"kind", "administration"}}).json();
  auto b = c.send_json("POST", "/api/v1/units", {{"name", "B"}, {"parent_id", a["id"]}}).json();
  auto cc = c.send_json("POST", "/api/v1/units",
                        {{"name", "C"}, {"kind", "team"}, {"parent_id", b["id"]}})
                .json();
  std::string a_path = "/api/v1/units/" + a["id"].get<std::string>();
  auto r = c.send_json("PATCH", a_path, {{"parent_id", cc["id"]}, {"version", 1}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["fields"]["parent_id"], "would make the unit its own ancestor");
  auto self = c.send_json("PATCH", a_path, {{"parent_id", a["id"]}, {"version", 1}});
  EXPECT_EQ(self.status, 422);
  auto stored = c.get(a_path).json();
  EXPECT_TRUE(stored["parent_id"].is_null());
  EXPECT_EQ(stored["version"], 1);
  // A legal move works.
  auto move = c.send_json("PATCH", "/api/v1/units/" + cc["id"].get<std::string>(),
                          {{"parent_id", a["id"]}, {"version", 1}});
  EXPECT_EQ(move.status, 200);
  EXPECT_EQ(move.json()["parent_id"], a["id"]);
}

TEST_F(ApiTest, NearestManagerWalksUpTheTree) {
  auto [t, c] = new_tenant_admin("nearest");
  auto boss = c.send_json("POST", "/api/v1/people", {{"name", "Chef"}}).json();
  auto top =
      c.send_json("POST", "/api/v1/units",
                  {{"name", "Forvaltning"}, {"kind", "administration"}, {"manager_id", boss["id"]}})
          .json();
  auto team = c.send_json("POST", "/api/v1/units",
                          {{"name", "Team"}, {"kind", "team"}, {"parent_id", top["id"]}})
                  .json();
  auto worker =
      c.send_json("POST", "/api/v1/people", {{"name", "Medarbejder"}, {"unit_id", team["id"]}})
          .json();
  auto r = c.get("/api/v1/people/" + worker["id"].get<std::string>() + "/nearest-manager");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["manager"]["id"], boss["id"]);
  auto u = c.get("/api/v1/units/" + team["id"].get<std::string>() + "/nearest-manager").json();
  EXPECT_EQ(u["manager"]["name"], "Chef");
  // The top manager has nobody above.
  c.send_json("PATCH", "/api/v1/people/" + boss["id"].get<std::string>(),
              {{"unit_id", top["id"]}, {"version", 1}});
  EXPECT_TRUE(c.get("/api/v1/people/" + boss["id"].get<std::string>() + "/nearest-manager")
                  .json()["manager"]
                  .is_null());
}

TEST_F(ApiTest, MembersReadButOnlyAdminsChangeTheOrganisation) {
  auto t = server().create_tenant("roles");
  Client member = member_of(t);
  EXPECT_EQ(member.get("/api/v1/units").status, 200);
  auto r = member.send_json("POST", "/api/v1/units", {{"name", "Ikke tilladt"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(member.get("/api/v1/audit").status, 403);
  EXPECT_EQ(member.get("/api/v1/units").json()["items"].size(), 0u);
}

TEST_F(ApiTest, ListsPageWithCursorAndLimit) {
  auto [t, c] = new_tenant_admin("paging");
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(c.send_json("POST", "/api/v1/units", {{"name", "Enhed " + std::to_string(i)}}).status,
              201);
  }
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto r = c.get("/api/v1/units?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    EXPECT_LE(r["items"].size(), 2u);
    for (const auto& u : r["items"]) seen.insert(u["id"]);
    cursor = r["next_cursor"].is_null() ? "" : r["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(c.get("/api/v1/units?limit=201").status, 422);
  EXPECT_EQ(c.get("/api/v1/units?limit=0").json()["error"]["fields"].contains("limit"), true);
  EXPECT_EQ(c.get("/api/v1/units?cursor=nonsense").status, 422);
}

TEST_F(ApiTest, OversizedBodiesAreRefusedWith413) {
  auto [t, c] = new_tenant_admin("big");
  std::string body = "{\"name\":\"" + std::string(10 * 1024 * 1024 + 10, 'x') + "\"}";
  auto r = c.request("POST", "/api/v1/units", body,
                     {{"X-CSRF-Token", c.csrf()}, {"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(c.get("/api/v1/units").json()["items"].size(), 0u);
}

TEST_F(ApiTest, LogoutAndForgedSessionsAreUnauthorized) {
  auto [t, c] = new_tenant_admin("logout");
  EXPECT_EQ(c.send_json("DELETE", "/api/v1/session", nullptr).status, 204);
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
  Client forged = client();
  forged.cookies()["fremdrift_session"] = "made-up";
  EXPECT_EQ(forged.get("/api/v1/me").status, 401);
}

TEST_F(ApiTest, RepeatedWrongPasswordsAreRateLimited) {
  auto t = server().create_tenant("limit");
  Client c = client();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(c.login(t.member_email, "wrong-password-x").status, 401);
  auto blocked = c.login(t.member_email, TestServer::kPassword);
  EXPECT_EQ(blocked.status, 429);
  EXPECT_NE(blocked.json()["error"]["message"].get<std::string>().find("15 minutes"),
            std::string::npos);
  EXPECT_FALSE(blocked.header("retry-after").empty());
  // Another account from the same address is limited too (per-address limit).
  EXPECT_EQ(c.login(t.admin_email, TestServer::kPassword).status, 429);
}

TEST_F(ApiTest, PasswordChangeNeedsTheCurrentPassword) {
  auto t = server().create_tenant("pw");
  Client c = member_of(t);
  auto wrong =
      c.send_json("POST", "/api/v1/me/password",
                  {{"current_password", "nope-nope-nope"}, {"new_password", "another-long-one"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(wrong.json()["error"]["fields"].contains("current_password"));
  auto short_pw =
      c.send_json("POST", "/api/v1/me/password",
                  {{"current_password", TestServer::kPassword}, {"new_password", "short"}});
  EXPECT_EQ(short_pw.status, 422);
  auto ok = c.send_json(
      "POST", "/api/v1/me/password",
      {{"current_password", TestServer::kPassword}, {"new_password", "another-long-one"}});
  ASSERT_EQ(ok.status, 200);
  EXPECT_EQ(c.get("/api/v1/me").status, 200);  // this session continues
  EXPECT_EQ(client().login(t.member_email, TestServer::kPassword).status, 401);
  EXPECT_EQ(client().login(t.member_email, "another-long-one").status, 200);
}

TEST_F(ApiTest, EveryWriteIsAudited) {
  auto [t, c] = new_tenant_admin("audit");
  auto unit = c.send_json("POST", "/api/v1/units", {{"name", "Før"}}).json();
  std::string id = unit["id"];
  c.send_json("PATCH", "/api/v1/units/" + id, {{"name", "Efter"}, {"version", 1}});
  c.send_json("DELETE", "/api/v1/units/" + id, nullptr);
  auto log = c.get("/api/v1/audit?entity=unit").json()["items"];
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0]["action"], "delete");
  EXPECT_EQ(log[1]["action"], "update");
  EXPECT_EQ(log[1]["changes"]["name"]["before"], "Før");
  EXPECT_EQ(log[1]["changes"]["name"]["after"], "Efter");
  EXPECT_FALSE(log[1]["changes"].contains("version"));
  EXPECT_EQ(log[2]["action"], "create");
  EXPECT_EQ(log[2]["entity_id"], id);
  EXPECT_EQ(log[2]["actor"], "Admin " + t.slug);
  for (const auto& e : log) EXPECT_EQ(e["entity"], "unit");
  EXPECT_EQ(c.get("/api/v1/audit?entity=castle").status, 422);
}

TEST_F(ApiTest, UnitsWithContentCannotBeDeleted) {
  auto [t, c] = new_tenant_admin("del");
  auto unit = c.send_json("POST", "/api/v1/units", {{"name", "Fuld"}}).json();
  c.send_json("POST", "/api/v1/people", {{"name", "Beboer"}, {"unit_id", unit["id"]}});
  auto r = c.send_json("DELETE", "/api/v1/units/" + unit["id"].get<std::string>(), nullptr);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["error"]["code"], "unit_not_empty");
  EXPECT_EQ(c.get("/api/v1/units/" + unit["id"].get<std::string>()).status, 200);
}

TEST_F(ApiTest, DuplicateEmailsAreRefused) {
  auto [t, c] = new_tenant_admin("dupe");
  EXPECT_EQ(c.send_json("POST", "/api/v1/people", {{"name", "A"}, {"email", "same@x.dk"}}).status,
            201);
  auto r = c.send_json("POST", "/api/v1/people", {{"name", "B"}, {"email", "Same@X.dk"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["fields"]["email"], "is already used by another person");
  std::string out;
  EXPECT_NE(server().cli("admin create-user --tenant " + t.slug + " --email " + t.admin_email +
                             " --name X --password long-enough-pw",
                         &out),
            0);
  EXPECT_NE(out.find("already exists"), std::string::npos);
}

TEST_F(ApiTest, AdminsGiveLoginsChangeRolesAndLockThem) {
  auto [t, admin] = new_tenant_admin("logins");
  std::string person = new_person(admin, "Ny Kollega", {{"email", "ny@" + t.slug + ".test"}});
  std::string path = "/api/v1/people/" + person + "/login";
  EXPECT_EQ(admin.get(path).status, 404);
  EXPECT_EQ(admin.send_json("POST", path, {{"password", "short"}})
                .json()["error"]["fields"]
                .contains("password"),
            true);
  auto created =
      admin.send_json("POST", path, {{"password", "sparrow-kettle-first-7"}, {"role", "member"}});
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(created.json()["email"], "ny@" + t.slug + ".test");
  EXPECT_FALSE(created.json().contains("password_hash"));
  EXPECT_EQ(admin.send_json("POST", path, {{"password", "sparrow-kettle-first-7"}}).status, 409);

  Client colleague = client();
  ASSERT_EQ(colleague.login("ny@" + t.slug + ".test", "sparrow-kettle-first-7").status, 200);
  EXPECT_EQ(colleague.get("/api/v1/me").json()["role"], "member");
  EXPECT_EQ(colleague.send_json("POST", path, {{"password", "sparrow-kettle-first-7"}}).status,
            403);

  std::string login_path = "/api/v1/logins/" + created.json()["id"].get<std::string>();
  auto promoted = admin.send_json("PATCH", login_path, {{"role", "admin"}, {"version", 1}});
  ASSERT_EQ(promoted.status, 200);
  EXPECT_EQ(colleague.get("/api/v1/me").json()["role"], "admin");
  auto locked = admin.send_json("PATCH", login_path, {{"active", false}, {"version", 2}});
  ASSERT_EQ(locked.status, 200);
  EXPECT_EQ(colleague.get("/api/v1/me").status, 401);
  EXPECT_EQ(client().login("ny@" + t.slug + ".test", "sparrow-kettle-first-7").status, 401);

  // An administrator cannot lock themselves out.
  std::string my_person = admin.get("/api/v1/me").json()["person_id"];
  auto mine = admin.get("/api/v1/people/" + my_person + "/login").json();
  auto self = admin.send_json("PATCH", "/api/v1/logins/" + mine["id"].get<std::string>(),
                              {{"role", "member"}, {"version", mine["version"]}});
  EXPECT_EQ(self.status, 403);
  EXPECT_EQ(admin.get("/api/v1/me").json()["role"], "admin");

  // No e-mail, no login.
  auto nameless = admin.send_json("POST", "/api/v1/people", {{"name", "Uden mail"}}).json();
  auto r = admin.send_json("POST", "/api/v1/people/" + nameless["id"].get<std::string>() + "/login",
                           {{"password", "sparrow-kettle-first-7"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.json()["error"]["fields"].contains("email"));
}

}  // namespace
}  // namespace testing_http
