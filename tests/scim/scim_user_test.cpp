#include "scim/scim_user.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace scim {
namespace {

using nlohmann::json;

std::string refused_field(const json& body) {
  try {
    user_from_json(body);
  } catch (const core::ValidationError& e) {
    return e.fields().begin()->first;
  }
  return "";
}

TEST(ScimUserTest, MapsEntraIdsCreateBody) {
  User u = user_from_json(json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "0a21f0f2", "userName": "Test_User_ab64", "active": true,
    "emails": [{"primary": true, "type": "work", "value": "Test_User@TestUser.com"}],
    "meta": {"resourceType": "User"},
    "name": {"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
    "preferredLanguage": "da-DK", "title": "Leder", "roles": [],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984", "department": "Ældre"}
  })"));
  EXPECT_EQ(u.user_name, "Test_User_ab64");
  EXPECT_EQ(u.external_id, "0a21f0f2");
  EXPECT_EQ(u.name, "givenName familyName");
  EXPECT_EQ(u.given_name, "givenName");
  EXPECT_EQ(u.email, "test_user@testuser.com");  // addresses are kept in lower case
  EXPECT_EQ(u.locale, "da");
  EXPECT_EQ(u.title, "Leder");
  EXPECT_EQ(u.employee_number, "701984");
  EXPECT_TRUE(u.active);
}

TEST(ScimUserTest, NamesAndUserNameFallBack) {
  User u = user_from_json(
      {{"userName", "u1"}, {"name", {{"givenName", "Ada"}, {"familyName", "King"}}}});
  EXPECT_EQ(u.name, "Ada King");
  u = user_from_json({{"userName", "u1"}});
  EXPECT_EQ(u.name, "u1");
  // No userName: the employee number, then the e-mail.
  u = user_from_json(
      {{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", {{"employeeNumber", "E-1"}}},
       {"emails", {{{"value", "a@b.dk"}}}}});
  EXPECT_EQ(u.user_name, "E-1");
  u = user_from_json({{"emails", {{{"value", "a@b.dk"}}}}});
  EXPECT_EQ(u.user_name, "a@b.dk");
  EXPECT_EQ(refused_field({{"displayName", "x"}}), "userName");
}

TEST(ScimUserTest, ChoosesThePrimaryThenTheWorkAddress) {
  User u = user_from_json(json::parse(R"({"userName":"u","emails":[
    {"value":"home@x.dk","type":"home"},{"value":"work@x.dk","type":"work"}]})"));
  EXPECT_EQ(u.email, "work@x.dk");
  u = user_from_json(json::parse(R"({"userName":"u","emails":[
    {"value":"work@x.dk","type":"work"},{"value":"p@x.dk","primary":"True"}]})"));
  EXPECT_EQ(u.email, "p@x.dk");
  EXPECT_EQ(refused_field(json::parse(R"({"userName":"u","emails":[{"value":"not an address"}]})")),
            "emails");
}

TEST(ScimUserTest, BooleansAndLanguagesAsProvidersSendThem) {
  EXPECT_FALSE(boolean("False", "active"));
  EXPECT_TRUE(boolean("TRUE", "active"));
  EXPECT_TRUE(boolean(true, "active"));
  EXPECT_THROW(boolean("no", "active"), core::ValidationError);
  EXPECT_THROW(boolean(0, "active"), core::ValidationError);
  EXPECT_EQ(locale_of("sv_SE"), "sv");
  EXPECT_EQ(locale_of("EN-gb"), "en");
  EXPECT_EQ(locale_of("da"), "da");
  EXPECT_EQ(locale_of("de-DE"), std::nullopt);
  EXPECT_EQ(refused_field({{"userName", "u"}, {"active", "maybe"}}), "active");
  EXPECT_EQ(refused_field({{"userName", 7}}), "userName");
}

TEST(ScimUserTest, WritesTheResource) {
  User u;
  u.user_name = "ada";
  u.name = "Ada";
  u.email = "ada@x.dk";
  u.employee_number = "9";
  u.active = false;
  json out =
      user_json(u, {"p1", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", 3, "/scim/v2/Users/p1"});
  EXPECT_EQ(out["id"], "p1");
  EXPECT_EQ(out["active"], false);
  EXPECT_EQ(out["emails"][0]["primary"], true);
  EXPECT_EQ(out["meta"]["location"], "/scim/v2/Users/p1");
  EXPECT_EQ(out["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["employeeNumber"],
            "9");
  EXPECT_FALSE(out.contains("externalId"));
  // What is written reads back as the same user.
  User back = user_from_json(out);
  EXPECT_EQ(back.user_name, "ada");
  EXPECT_EQ(back.email, "ada@x.dk");
  EXPECT_FALSE(back.active);
}

}  // namespace
}  // namespace scim
