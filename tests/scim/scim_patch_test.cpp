#include "scim/scim_patch.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "scim/scim_user.hpp"

namespace scim {
namespace {

using nlohmann::json;

json user() {
  return json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "id": "p1", "userName": "ada", "displayName": "Ada Lovelace", "active": true,
    "name": {"givenName": "Ada", "familyName": "Lovelace", "formatted": "Ada Lovelace"},
    "emails": [{"value": "ada@x.dk", "type": "work", "primary": true}]
  })");
}

json ops(const json& operations) {
  return {{"schemas", {kPatchOpSchema}}, {"Operations", operations}};
}

std::string refusal(const json& resource, const json& request) {
  try {
    apply_patch(resource, request);
  } catch (const core::BadRequest& e) {
    return e.code();
  }
  return "applied";
}

TEST(ScimPatchTest, EntraIdsCapitalisedOpsAndStringBooleans) {
  auto out = apply_patch(user(),
                         ops(json::parse(R"([{"op":"Replace","path":"active","value":"False"}])")));
  EXPECT_EQ(out["active"], "False");
  EXPECT_FALSE(user_from_json(out).active);
  out = apply_patch(out, ops(json::parse(R"([{"op":"replace","value":{"active":"True"}}])")));
  EXPECT_TRUE(user_from_json(out).active);
}

TEST(ScimPatchTest, PathlessValuesWithDottedAndUrnKeys) {
  auto out = apply_patch(user(), ops(json::parse(R"([{"op":"replace","value":{
      "active": false, "name.givenName": "Augusta", "DISPLAYNAME": "Augusta King",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "E-7"}}])")));
  User u = user_from_json(out);
  EXPECT_FALSE(u.active);
  EXPECT_EQ(u.given_name, "Augusta");
  EXPECT_EQ(u.family_name, "Lovelace");  // the other part of the name stays
  EXPECT_EQ(u.name, "Augusta King");
  EXPECT_EQ(u.employee_number, "E-7");
  EXPECT_EQ(out["displayName"], "Augusta King");  // the existing key, whatever case was sent
  EXPECT_FALSE(out.contains("DISPLAYNAME"));
}

TEST(ScimPatchTest, FilteredPathsOnMultiValuedAttributes) {
  auto out = apply_patch(
      user(),
      ops(json::parse(
          R"([{"op":"Replace","path":"emails[type eq \"work\"].value","value":"a@y.dk"}])")));
  EXPECT_EQ(out["emails"].size(), 1U);
  EXPECT_EQ(user_from_json(out).email, "a@y.dk");
  // No home address yet: replacing it adds one.
  out = apply_patch(
      out, ops(json::parse(
               R"([{"op":"Add","path":"emails[type eq \"home\"].value","value":"h@y.dk"}])")));
  ASSERT_EQ(out["emails"].size(), 2U);
  EXPECT_EQ(out["emails"][1]["type"], "home");
  EXPECT_EQ(user_from_json(out).email, "a@y.dk");  // the primary one is the person's
  out =
      apply_patch(out, ops(json::parse(R"([{"op":"Remove","path":"emails[type eq \"home\"]"}])")));
  EXPECT_EQ(out["emails"].size(), 1U);
}

TEST(ScimPatchTest, AddReplaceAndRemoveWithPaths) {
  auto out = apply_patch(user(), ops(json::parse(R"([
      {"op":"add","path":"title","value":"Analytiker"},
      {"op":"replace","path":"name","value":{"familyName":"King"}},
      {"op":"remove","path":"name.givenName"},
      {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":{"employeeNumber":"9"}},
      {"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:userName","value":"ada2"}])")));
  EXPECT_EQ(out["title"], "Analytiker");
  EXPECT_EQ(out["name"]["familyName"], "King");
  EXPECT_EQ(out["name"]["formatted"], "Ada Lovelace");
  EXPECT_FALSE(out["name"].contains("givenName"));
  EXPECT_EQ(user_from_json(out).employee_number, "9");
  EXPECT_EQ(out["userName"], "ada2");
  out = apply_patch(
      out,
      ops(json::parse(R"([{"op":"remove","path":"title"},{"op":"remove","path":"nothing"}])")));
  EXPECT_FALSE(out.contains("title"));
}

TEST(ScimPatchTest, GroupMembersAddedAndRemovedAsEntraIdDoes) {
  json group = {{"displayName", "Nord"}, {"members", json::array()}};
  auto out = apply_patch(
      group,
      ops(json::parse(
          R"([{"op":"Add","path":"members","value":[{"$ref":null,"value":"a"},{"$ref":null,"value":"b"}]}])")));
  EXPECT_EQ(out["members"].size(), 2U);
  out = apply_patch(
      out,
      ops(json::parse(R"([{"op":"Add","path":"members","value":[{"$ref":null,"value":"a"}]}])")));
  EXPECT_EQ(out["members"].size(), 2U);  // added once
  out = apply_patch(
      out, ops(json::parse(R"([{"op":"Remove","path":"members","value":[{"value":"a"}]}])")));
  ASSERT_EQ(out["members"].size(), 1U);
  EXPECT_EQ(out["members"][0]["value"], "b");
  out = apply_patch(out, ops(json::parse(R"([{"op":"remove","path":"members[value eq \"b\"]"}])")));
  EXPECT_EQ(out["members"], json::array());
}

TEST(ScimPatchTest, RefusesWhatItCannotRead) {
  EXPECT_EQ(refusal(user(), json::object()), "invalidSyntax");
  EXPECT_EQ(refusal(user(), ops(json::parse(R"([{"op":"Move","path":"title"}])"))),
            "invalidSyntax");
  EXPECT_EQ(refusal(user(), ops(json::parse(R"([{"path":"title","value":"x"}])"))),
            "invalidSyntax");
  EXPECT_EQ(refusal(user(), ops(json::parse(R"([{"op":"remove"}])"))), "noTarget");
  EXPECT_EQ(refusal(user(), ops(json::parse(R"([{"op":"replace","value":"x"}])"))),
            "invalidSyntax");
  EXPECT_EQ(
      refusal(user(), ops(json::parse(
                          R"([{"op":"replace","path":"emails[type eq \"work\"","value":"x"}])"))),
      "invalidPath");
  EXPECT_EQ(
      refusal(user(), ops(json::parse(
                          R"([{"op":"replace","path":"urn:example:other:name","value":"x"}])"))),
      "invalidPath");
  EXPECT_EQ(refusal(user(),
                    ops(json::parse(
                        R"([{"op":"replace","path":"emails[type co \"w\"].value","value":"x"}])"))),
            "invalidFilter");
}

}  // namespace
}  // namespace scim
