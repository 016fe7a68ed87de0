// SCIM 2.0 provisioning (issue 19, point 5): the tenant's SCIM token, Users and Groups with the
// request bodies Microsoft Entra ID sends, the SCIM error format, deactivation ending sessions
// and tenant isolation.
#include <gtest/gtest.h>

#include "http/fixture.hpp"

namespace testing_http {
namespace {

const std::string kPatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const std::string kError = "urn:ietf:params:scim:api:messages:2.0:Error";

std::string encoded(const std::string& text) {
  std::string out;
  const char* hex = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

json patch(std::vector<json> operations) {
  return {{"schemas", {kPatchOp}}, {"Operations", operations}};
}

// What Entra ID sends to create a user (its SCIM validator's sample, with our addresses).
json entra_user(const std::string& user_name, const std::string& external_id,
                const std::string& email) {
  return {
      {"schemas",
       {"urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}},
      {"externalId", external_id},
      {"userName", user_name},
      {"active", true},
      {"emails", {{{"primary", true}, {"type", "work"}, {"value", email}}}},
      {"meta", {{"resourceType", "User"}}},
      {"name", {{"formatted", "Ada Lovelace"}, {"familyName", "Lovelace"}, {"givenName", "Ada"}}},
      {"preferredLanguage", "sv-SE"},
      {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
       {{"employeeNumber", "E-1001"}, {"department", "Teknik"}}},
      {"roles", json::array()}};
}

class ScimTest : public HttpTest {
 protected:
  struct Scene {
    TestServer::Tenant tenant;
    Client admin;
    Client scim;
    std::string token;
  };
  Scene scene(const std::string& prefix) {
    auto [t, admin] = new_tenant_admin(prefix);
    auto made = admin.send_json("POST", "/api/v1/tenant/scim-token", json::object());
    EXPECT_EQ(made.status, 201) << made.body;
    std::string token = made.json()["token"];
    Client scim = client();
    scim.use_bearer(token);
    return {t, admin, scim, token};
  }
  // A SCIM request as Entra ID sends it: application/scim+json.
  static HttpResponse send(Client& c, const std::string& method, const std::string& path,
                           const json& body = nullptr) {
    return c.request(method, "/scim/v2" + path, body.is_null() ? "" : body.dump(),
                     {{"Content-Type", "application/scim+json"}});
  }
  static json users_where(Client& c, const std::string& filter) {
    auto r = send(c, "GET", "/Users?filter=" + encoded(filter));
    EXPECT_EQ(r.status, 200) << filter << ": " << r.body;
    return r.json();
  }
  static void expect_scim_error(const HttpResponse& r, int status, const std::string& type = "") {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/scim+json");
    auto body = r.json();
    EXPECT_EQ(body["schemas"], json::array({kError})) << r.body;
    EXPECT_EQ(body["status"], std::to_string(status));
    EXPECT_TRUE(body["detail"].is_string());
    if (!type.empty()) {
      EXPECT_EQ(body["scimType"], type) << r.body;
    }
  }
};

TEST_F(ScimTest, AdministratorsMakeTheTokenOnceAndRevokeIt) {
  auto [t, admin] = new_tenant_admin("scim-token");
  auto member = member_of(t);
  EXPECT_EQ(member.send_json("POST", "/api/v1/tenant/scim-token", json::object()).status, 403);
  EXPECT_EQ(admin.get("/api/v1/tenant/scim-token").json()["active"], false);
  auto first = admin.send_json("POST", "/api/v1/tenant/scim-token", json::object());
  ASSERT_EQ(first.status, 201) << first.body;
  std::string token = first.json()["token"];
  EXPECT_EQ(token.rfind("fds_", 0), 0U);
  EXPECT_EQ(first.json()["base_url"], "https://fremdrift.test/scim/v2");
  auto state = admin.get("/api/v1/tenant/scim-token").json();
  EXPECT_EQ(state["active"], true);
  EXPECT_FALSE(state.contains("token"));  // shown once

  Client scim = client();
  scim.use_bearer(token);
  auto config = send(scim, "GET", "/ServiceProviderConfig");
  ASSERT_EQ(config.status, 200) << config.body;
  EXPECT_EQ(config.header("content-type"), "application/scim+json");
  EXPECT_EQ(config.json()["patch"]["supported"], true);
  EXPECT_EQ(config.json()["bulk"]["supported"], false);
  EXPECT_EQ(config.json()["filter"]["supported"], true);
  EXPECT_EQ(config.json()["sort"]["supported"], false);
  EXPECT_EQ(config.json()["changePassword"]["supported"], false);
  auto types = send(scim, "GET", "/ResourceTypes").json();
  EXPECT_EQ(types["totalResults"], 2);
  EXPECT_EQ(types["Resources"][0]["endpoint"], "/Users");
  auto schemas = send(scim, "GET", "/Schemas").json();
  EXPECT_EQ(schemas["Resources"][0]["id"], "urn:ietf:params:scim:schemas:core:2.0:User");

  // A new token replaces the old one at once.
  auto second = admin.send_json("POST", "/api/v1/tenant/scim-token", json::object());
  ASSERT_EQ(second.status, 201);
  expect_scim_error(send(scim, "GET", "/Users"), 401);
  scim.use_bearer(second.json()["token"]);
  EXPECT_EQ(send(scim, "GET", "/Users").status, 200);
  EXPECT_EQ(admin.send_delete("/api/v1/tenant/scim-token").status, 204);
  expect_scim_error(send(scim, "GET", "/Users"), 401);
  EXPECT_EQ(admin.send_delete("/api/v1/tenant/scim-token").status, 404);
  auto audit = admin.get("/api/v1/audit?entity=scim_token");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(audit.json()["items"].size(), 3U);  // made, replaced, revoked
}

TEST_F(ScimTest, OnlyTheScimTokenIsAccepted) {
  auto s = scene("scim-auth");
  Client nobody = client();
  auto none = send(nobody, "GET", "/Users");
  expect_scim_error(none, 401);
  EXPECT_EQ(none.header("www-authenticate"), "Bearer realm=\"scim\"");
  Client wrong = client();
  wrong.use_bearer("fds_not-the-token");
  expect_scim_error(send(wrong, "GET", "/Users"), 401);
  // The administrator's session cookie is no SCIM credential, also not for writes (no CSRF
  // check answers first: the route is not a cookie route).
  expect_scim_error(send(s.admin, "GET", "/Users"), 401);
  expect_scim_error(send(s.admin, "POST", "/Users", entra_user("x", "x", "x@x.test")), 401);
  // Nor is a personal API token of an administrator.
  auto personal = s.admin.send_json("POST", "/api/v1/tokens", {{"name", "mine"}});
  ASSERT_EQ(personal.status, 201) << personal.body;
  Client api = client();
  api.use_bearer(personal.json()["token"]);
  expect_scim_error(send(api, "GET", "/Users"), 401);
  // And the SCIM token opens nothing outside /scim/v2.
  EXPECT_EQ(s.scim.get("/api/v1/me").status, 401);
  expect_scim_error(send(s.scim, "GET", "/Nothing"), 404);
}

TEST_F(ScimTest, EntraIdCreatesFindsAndPatchesAUser) {
  auto s = scene("scim-users");
  // Entra's connection test probes for a user that does not exist.
  auto probe = users_where(s.scim, "userName eq \"nonexistent-7f1c\"");
  EXPECT_EQ(probe["totalResults"], 0);
  EXPECT_EQ(probe["Resources"], json::array());
  EXPECT_EQ(probe["schemas"][0], "urn:ietf:params:scim:api:messages:2.0:ListResponse");

  std::string email = "ada@" + s.tenant.slug + ".test";
  auto made = send(s.scim, "POST", "/Users", entra_user("Ada_Lovelace_01", "ext-01", email));
  ASSERT_EQ(made.status, 201) << made.body;
  auto user = made.json();
  std::string id = user["id"];
  EXPECT_EQ(made.header("location"), "https://fremdrift.test/scim/v2/Users/" + id);
  EXPECT_EQ(user["userName"], "Ada_Lovelace_01");
  EXPECT_EQ(user["externalId"], "ext-01");
  EXPECT_EQ(user["displayName"], "Ada Lovelace");
  EXPECT_EQ(user["name"]["givenName"], "Ada");
  EXPECT_EQ(user["emails"][0]["value"], email);
  EXPECT_EQ(user["active"], true);
  EXPECT_EQ(user["preferredLanguage"], "sv");
  EXPECT_EQ(user["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["employeeNumber"],
            "E-1001");
  // The person fremdrift keeps.
  auto person = s.admin.get("/api/v1/people/" + id);
  ASSERT_EQ(person.status, 200) << person.body;
  EXPECT_EQ(person.json()["name"], "Ada Lovelace");
  EXPECT_EQ(person.json()["email"], email);
  EXPECT_EQ(person.json()["locale"], "sv");

  EXPECT_EQ(send(s.scim, "GET", "/Users/" + id).json()["userName"], "Ada_Lovelace_01");
  // userName is matched in any case and with the attribute and operator in any case.
  auto found = users_where(s.scim, "USERNAME Eq \"ada_lovelace_01\"");
  ASSERT_EQ(found["totalResults"], 1);
  EXPECT_EQ(found["Resources"][0]["id"], id);
  EXPECT_EQ(users_where(s.scim, "externalId eq \"ext-01\"")["Resources"][0]["id"], id);
  // A person made by hand is found by their e-mail.
  auto member = users_where(s.scim, "userName eq \"" + s.tenant.member_email + "\"");
  ASSERT_EQ(member["totalResults"], 1);
  EXPECT_EQ(member["Resources"][0]["userName"], s.tenant.member_email);

  // The same userName (any case) or externalId again: 409 uniqueness.
  expect_scim_error(
      send(s.scim, "POST", "/Users", entra_user("ADA_LOVELACE_01", "ext-02", "a2@x.test")), 409,
      "uniqueness");
  expect_scim_error(send(s.scim, "POST", "/Users", entra_user("other", "ext-01", "a3@x.test")), 409,
                    "uniqueness");

  // Entra ID's PATCH forms: a filtered path, a dotted path, capitalised ops, "False" as a string.
  auto patched = send(s.scim, "PATCH", "/Users/" + id,
                      patch({{{"op", "Replace"},
                              {"path", "emails[type eq \"work\"].value"},
                              {"value", "ada.l@" + s.tenant.slug + ".test"}},
                             {{"op", "Replace"}, {"path", "name.familyName"}, {"value", "King"}},
                             {{"op", "Add"}, {"path", "title"}, {"value", "Analytiker"}}}));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["emails"][0]["value"], "ada.l@" + s.tenant.slug + ".test");
  EXPECT_EQ(patched.json()["name"]["familyName"], "King");
  EXPECT_EQ(patched.json()["title"], "Analytiker");
  // Without a path: dotted keys in the value.
  patched =
      send(s.scim, "PATCH", "/Users/" + id,
           patch({{{"op", "replace"},
                   {"value", {{"name.givenName", "Augusta"}, {"displayName", "Augusta King"}}}}}));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["name"]["givenName"], "Augusta");
  EXPECT_EQ(s.admin.get("/api/v1/people/" + id).json()["name"], "Augusta King");
  patched = send(s.scim, "PATCH", "/Users/" + id,
                 patch({{{"op", "Replace"}, {"path", "active"}, {"value", "False"}}}));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["active"], false);
  EXPECT_EQ(s.admin.get("/api/v1/people/" + id).json()["active"], false);
  patched = send(s.scim, "PATCH", "/Users/" + id,
                 patch({{{"op", "replace"}, {"value", {{"active", "True"}}}}}));
  EXPECT_EQ(patched.json()["active"], true);
  // A remove of an attribute.
  patched = send(s.scim, "PATCH", "/Users/" + id, patch({{{"op", "Remove"}, {"path", "title"}}}));
  EXPECT_FALSE(patched.json().contains("title"));
  expect_scim_error(send(s.scim, "PATCH", "/Users/" + id,
                         patch({{{"op", "Replace"}, {"path", "active"}, {"value", "perhaps"}}})),
                    400, "invalidValue");
  expect_scim_error(
      send(s.scim, "PATCH", "/Users/" + id, patch({{{"op", "Move"}, {"path", "title"}}})), 400,
      "invalidSyntax");
  // Every change is audited with "scim" as the actor.
  auto audit = s.admin.get("/api/v1/audit?entity=scim_user");
  ASSERT_EQ(audit.status, 200) << audit.body;
  ASSERT_FALSE(audit.json()["items"].empty());
  EXPECT_EQ(audit.json()["items"][0]["actor"], "scim");
  auto people = s.admin.get("/api/v1/audit?entity=person").json();
  EXPECT_EQ(people["items"][0]["entity_id"], id);
  EXPECT_EQ(people["items"][0]["actor"], "scim");
}

TEST_F(ScimTest, PagingFiltersAndPut) {
  auto s = scene("scim-paging");
  for (int i = 0; i < 3; ++i) {
    std::string n = std::to_string(i);
    ASSERT_EQ(send(s.scim, "POST", "/Users",
                   entra_user("user" + n, "x" + n, "u" + n + "@" + s.tenant.slug + ".test"))
                  .status,
              201);
  }
  auto all = send(s.scim, "GET", "/Users").json();
  EXPECT_EQ(all["totalResults"], 5);  // the administrator, the member and three
  auto page = send(s.scim, "GET", "/Users?startIndex=2&count=2").json();
  EXPECT_EQ(page["totalResults"], 5);
  EXPECT_EQ(page["startIndex"], 2);
  EXPECT_EQ(page["itemsPerPage"], 2);
  EXPECT_EQ(page["Resources"][0]["id"], all["Resources"][1]["id"]);
  EXPECT_EQ(page["Resources"][1]["id"], all["Resources"][2]["id"]);
  EXPECT_EQ(send(s.scim, "GET", "/Users?count=0").json()["Resources"].size(), 0U);
  EXPECT_EQ(send(s.scim, "GET", "/Users?startIndex=5&count=10").json()["itemsPerPage"], 1);

  for (const std::string bad :
       {"userName co \"user\"", "title eq \"x\"", "userName eq \"user0\" or userName eq \"user1\"",
        "(userName eq \"user0\")", "userName eq \"user0", "userName eq", "userName eq user0"}) {
    expect_scim_error(send(s.scim, "GET", "/Users?filter=" + encoded(bad)), 400, "invalidFilter");
  }
  // Hostile values are only ever compared.
  EXPECT_EQ(users_where(s.scim, "userName eq \"user0' OR '1'='1\"")["totalResults"], 0);
  EXPECT_EQ(users_where(s.scim, "userName eq \"user0\\\" or \\\"1\\\"=\\\"1\"")["totalResults"], 0);
  EXPECT_EQ(users_where(s.scim, "userName eq \"%\"")["totalResults"], 0);
  EXPECT_EQ(send(s.scim, "GET", "/Users?count=many").status, 400);

  std::string id = users_where(s.scim, "userName eq \"user1\"")["Resources"][0]["id"];
  json body = {{"schemas", {"urn:ietf:params:scim:schemas:core:2.0:User"}},
               {"userName", "user1-renamed"},
               {"displayName", "Grace Hopper"},
               {"emails", {{{"value", "grace@" + s.tenant.slug + ".test"}, {"primary", "True"}}}},
               {"active", true}};
  auto put = send(s.scim, "PUT", "/Users/" + id, body);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["userName"], "user1-renamed");
  EXPECT_FALSE(put.json().contains("externalId"));  // not sent: cleared
  EXPECT_EQ(s.admin.get("/api/v1/people/" + id).json()["email"],
            "grace@" + s.tenant.slug + ".test");
  // Another user's e-mail: 409.
  body["emails"][0]["value"] = "u0@" + s.tenant.slug + ".test";
  expect_scim_error(send(s.scim, "PUT", "/Users/" + id, body), 409, "uniqueness");
  expect_scim_error(send(s.scim, "PUT", "/Users/" + id, json{{"displayName", "No name"}}), 400,
                    "invalidValue");
  expect_scim_error(send(s.scim, "GET", "/Users/no-such-id"), 404);
  auto broken = s.scim.request("POST", "/scim/v2/Users", "{not json",
                               {{"Content-Type", "application/scim+json"}});
  expect_scim_error(broken, 400, "invalidSyntax");
}

TEST_F(ScimTest, DeactivationEndsTheSessionsAndTokensOfThePerson) {
  auto s = scene("scim-deactivate");
  Client person = member_of(s.tenant);
  ASSERT_EQ(person.get("/api/v1/me").status, 200);
  auto token = person.send_json("POST", "/api/v1/tokens", {{"name", "script"}});
  ASSERT_EQ(token.status, 201);
  Client script = client();
  script.use_bearer(token.json()["token"]);
  ASSERT_EQ(script.get("/api/v1/me").status, 200);

  auto found = users_where(s.scim, "userName eq \"" + s.tenant.member_email + "\"");
  ASSERT_EQ(found["totalResults"], 1);
  std::string id = found["Resources"][0]["id"];
  auto off = send(s.scim, "PATCH", "/Users/" + id,
                  patch({{{"op", "Replace"}, {"path", "active"}, {"value", "False"}}}));
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(person.get("/api/v1/me").status, 401);
  EXPECT_EQ(script.get("/api/v1/me").status, 401);
  EXPECT_EQ(client().login(s.tenant.member_email, TestServer::kPassword).status, 401);
  auto login = s.admin.get("/api/v1/people/" + id + "/login");
  EXPECT_EQ(login.json()["active"], false) << login.body;

  // Reactivated: a new login works; the old session and token stay ended.
  auto on = send(s.scim, "PATCH", "/Users/" + id,
                 patch({{{"op", "Replace"}, {"path", "active"}, {"value", true}}}));
  ASSERT_EQ(on.status, 200);
  EXPECT_EQ(person.get("/api/v1/me").status, 401);
  EXPECT_EQ(script.get("/api/v1/me").status, 401);
  Client again = client();
  EXPECT_EQ(again.login(s.tenant.member_email, TestServer::kPassword).status, 200);
  EXPECT_EQ(again.get("/api/v1/me").status, 200);
  auto audit = s.admin.get("/api/v1/audit?entity=account");
  ASSERT_EQ(audit.status, 200) << audit.body;
  ASSERT_FALSE(audit.json()["items"].empty());
  EXPECT_EQ(audit.json()["items"][0]["actor"], "scim");
}

TEST_F(ScimTest, DeleteDeactivatesAndDetachesButKeepsThePerson) {
  auto s = scene("scim-delete");
  Client person = member_of(s.tenant);
  std::string id =
      users_where(s.scim, "userName eq \"" + s.tenant.member_email + "\"")["Resources"][0]["id"];
  auto gone = send(s.scim, "DELETE", "/Users/" + id);
  EXPECT_EQ(gone.status, 204) << gone.body;
  EXPECT_EQ(person.get("/api/v1/me").status, 401);
  expect_scim_error(send(s.scim, "GET", "/Users/" + id), 404);
  expect_scim_error(send(s.scim, "DELETE", "/Users/" + id), 404);
  EXPECT_EQ(users_where(s.scim, "userName eq \"" + s.tenant.member_email + "\"")["totalResults"],
            0);
  auto kept = s.admin.get("/api/v1/people/" + id);
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.json()["active"], false);
  // Provisioned again with the same e-mail: the same person comes back.
  auto back = send(s.scim, "POST", "/Users",
                   entra_user(s.tenant.member_email, "ext-back", s.tenant.member_email));
  ASSERT_EQ(back.status, 201) << back.body;
  EXPECT_EQ(back.json()["id"], id);
  EXPECT_EQ(back.json()["active"], true);
}

TEST_F(ScimTest, GroupsAreUnitsAndMembersTheirPeople) {
  auto s = scene("scim-groups");
  auto user = [&](const std::string& n) {
    auto r = send(s.scim, "POST", "/Users",
                  entra_user("g" + n, "gx" + n, "g" + n + "@" + s.tenant.slug + ".test"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].get<std::string>();
  };
  std::string a = user("a");
  std::string b = user("b");
  // Entra ID's create body.
  auto made = send(s.scim, "POST", "/Groups",
                   {{"schemas",
                     {"urn:ietf:params:scim:schemas:core:2.0:Group",
                      "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"}},
                    {"externalId", "8aa1a0c0"},
                    {"displayName", "Hjemmeplejen Nord"},
                    {"meta", {{"resourceType", "Group"}}}});
  ASSERT_EQ(made.status, 201) << made.body;
  std::string g = made.json()["id"];
  EXPECT_EQ(made.json()["members"], json::array());
  auto unit = s.admin.get("/api/v1/units/" + g);
  ASSERT_EQ(unit.status, 200);
  EXPECT_EQ(unit.json()["name"], "Hjemmeplejen Nord");
  expect_scim_error(send(s.scim, "POST", "/Groups", {{"displayName", "hjemmeplejen nord"}}), 409,
                    "uniqueness");

  auto added = send(
      s.scim, "PATCH", "/Groups/" + g,
      patch({{{"op", "Add"},
              {"path", "members"},
              {"value", {{{"$ref", nullptr}, {"value", a}}, {{"$ref", nullptr}, {"value", b}}}}}}));
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.json()["members"].size(), 2U);
  EXPECT_EQ(s.admin.get("/api/v1/people/" + a).json()["unit_id"], g);
  // Entra's remove with the members as its value, and the filtered form.
  auto removed =
      send(s.scim, "PATCH", "/Groups/" + g,
           patch({{{"op", "Remove"}, {"path", "members"}, {"value", {{{"value", a}}}}}}));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(removed.json()["members"].size(), 1U);
  EXPECT_TRUE(s.admin.get("/api/v1/people/" + a).json()["unit_id"].is_null());
  removed = send(s.scim, "PATCH", "/Groups/" + g,
                 patch({{{"op", "remove"}, {"path", "members[value eq \"" + b + "\"]"}}}));
  EXPECT_EQ(removed.json()["members"], json::array());

  // A person has one unit: joining a second group moves them there.
  auto other = send(s.scim, "POST", "/Groups",
                    {{"displayName", "Hjemmeplejen Syd"}, {"members", {{{"value", a}}}}});
  ASSERT_EQ(other.status, 201) << other.body;
  std::string g2 = other.json()["id"];
  send(s.scim, "PATCH", "/Groups/" + g,
       patch({{{"op", "Add"}, {"path", "members"}, {"value", {{{"value", a}}}}}}));
  EXPECT_EQ(send(s.scim, "GET", "/Groups/" + g2).json()["members"], json::array());
  EXPECT_EQ(send(s.scim, "GET", "/Groups/" + g).json()["members"][0]["value"], a);
  // Removing them from the group they have left changes nothing.
  send(s.scim, "PATCH", "/Groups/" + g2,
       patch({{{"op", "Remove"}, {"path", "members"}, {"value", {{{"value", a}}}}}}));
  EXPECT_EQ(s.admin.get("/api/v1/people/" + a).json()["unit_id"], g);

  auto renamed =
      send(s.scim, "PATCH", "/Groups/" + g,
           patch({{{"op", "Replace"}, {"path", "displayName"}, {"value", "Hjemmeplejen Øst"}}}));
  EXPECT_EQ(renamed.json()["displayName"], "Hjemmeplejen Øst");
  auto listed = send(s.scim, "GET",
                     "/Groups?excludedAttributes=members&filter=" +
                         encoded("displayName eq \"Hjemmeplejen Øst\""));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["totalResults"], 1);
  EXPECT_FALSE(listed.json()["Resources"][0].contains("members"));
  expect_scim_error(send(s.scim, "GET", "/Groups?filter=" + encoded("members eq \"x\"")), 400,
                    "invalidFilter");
  expect_scim_error(
      send(s.scim, "PATCH", "/Groups/" + g,
           patch({{{"op", "Add"}, {"path", "members"}, {"value", {{{"value", "nobody"}}}}}})),
      400, "invalidValue");
  // A unit with people is not deleted; an empty one is.
  expect_scim_error(send(s.scim, "DELETE", "/Groups/" + g), 409);
  EXPECT_EQ(send(s.scim, "DELETE", "/Groups/" + g2).status, 204);
  expect_scim_error(send(s.scim, "GET", "/Groups/" + g2), 404);
}

TEST_F(ScimTest, ATenantsTokenReachesOnlyItsOwnPeople) {
  auto a = scene("scim-iso-a");
  auto b = scene("scim-iso-b");
  auto made = send(b.scim, "POST", "/Users",
                   entra_user("bertha", "b-1", "bertha@" + b.tenant.slug + ".test"));
  ASSERT_EQ(made.status, 201);
  std::string id = made.json()["id"];
  auto group = send(b.scim, "POST", "/Groups", {{"displayName", "B's unit"}});
  std::string g = group.json()["id"];
  expect_scim_error(send(a.scim, "GET", "/Users/" + id), 404);
  expect_scim_error(send(a.scim, "PATCH", "/Users/" + id,
                         patch({{{"op", "Replace"}, {"path", "active"}, {"value", false}}})),
                    404);
  expect_scim_error(send(a.scim, "PUT", "/Users/" + id, entra_user("bertha", "b-1", "z@z.test")),
                    404);
  expect_scim_error(send(a.scim, "DELETE", "/Users/" + id), 404);
  expect_scim_error(send(a.scim, "GET", "/Groups/" + g), 404);
  expect_scim_error(
      send(a.scim, "PATCH", "/Groups/" + g,
           patch({{{"op", "Add"}, {"path", "members"}, {"value", {{{"value", id}}}}}})),
      404);
  EXPECT_EQ(users_where(a.scim, "userName eq \"bertha\"")["totalResults"], 0);
  // A's group cannot take B's person either.
  auto mine = send(a.scim, "POST", "/Groups", {{"displayName", "A's unit"}});
  expect_scim_error(
      send(a.scim, "PATCH", "/Groups/" + mine.json()["id"].get<std::string>(),
           patch({{{"op", "Add"}, {"path", "members"}, {"value", {{{"value", id}}}}}})),
      400, "invalidValue");
  auto still = send(b.scim, "GET", "/Users/" + id).json();
  EXPECT_EQ(still["active"], true);
  EXPECT_EQ(b.admin.get("/api/v1/people/" + id).json()["unit_id"], nullptr);
}

TEST_F(ScimTest, TheSettingsPageShowsTheTokenOnce) {
  auto [t, admin] = new_tenant_admin("scim-page");
  EXPECT_EQ(member_of(t).get("/settings/scim").status, 403);
  auto page = admin.get("/settings/scim");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("https://fremdrift.test/scim/v2"), std::string::npos);
  EXPECT_EQ(page.body.find("fds_"), std::string::npos);
  EXPECT_NE(admin.get("/settings").body.find("href=\"/settings/scim\""), std::string::npos);
  auto made = admin.post_form("/settings/scim/token", {{"_csrf", admin.csrf()}});
  ASSERT_EQ(made.status, 200) << made.body;
  auto at = made.body.find("fds_");
  ASSERT_NE(at, std::string::npos);
  std::string token = made.body.substr(at, made.body.find('<', at) - at);
  Client scim = client();
  scim.use_bearer(token);
  EXPECT_EQ(send(scim, "GET", "/Users").status, 200);
  EXPECT_EQ(admin.get("/settings/scim").body.find("fds_"), std::string::npos);  // once
  EXPECT_EQ(admin.post_form("/settings/scim/token", {}).status, 403);           // CSRF
  auto revoked = admin.post_form("/settings/scim/token/revoke", {{"_csrf", admin.csrf()}});
  EXPECT_EQ(revoked.status / 100, 3);
  EXPECT_EQ(revoked.header("location"), "/settings/scim?revoked=1");
  EXPECT_EQ(send(scim, "GET", "/Users").status, 401);
}

}  // namespace
}  // namespace testing_http
