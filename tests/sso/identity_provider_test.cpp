#include "sso/identity_provider.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace sso {
namespace {

using nlohmann::json;

IdentityProvider mapped() {
  IdentityProvider idp;
  idp.email_claim = "mail";
  idp.employee_id_claim = "employeeNumber";
  idp.groups_claim = "groups";
  idp.role_map = {{"fremdrift-admins", "admin"}, {"fremdrift-users", "member"}};
  return idp;
}

std::string refused_field(const json& body, bool creating = true) {
  core::Input in(body);
  try {
    read_idp(in, IdentityProvider{}, creating);
  } catch (const core::ValidationError& e) {
    return e.fields().begin()->first;
  }
  return "";
}

TEST(SsoClaims, TakesTheConfiguredClaimsAndLowerCasesTheEmail) {
  auto c = map_claims(mapped(), {{"mail", "Anna.Berg@Odense.DK"},
                                 {"email", "other@x.dk"},
                                 {"employeeNumber", "4711"},
                                 {"name", "Anna Berg"},
                                 {"groups", {"fremdrift-users", "hr"}}});
  EXPECT_EQ(c.email, "anna.berg@odense.dk");
  EXPECT_EQ(c.employee_id, "4711");
  EXPECT_EQ(c.name, "Anna Berg");
  EXPECT_EQ(c.groups, (std::vector<std::string>{"fremdrift-users", "hr"}));
}

TEST(SsoClaims, ReadsSamlStyleArraysAndJoinsGivenAndFamilyName) {
  auto c = map_claims(mapped(), {{"mail", {"a@b.dk", "second@b.dk"}},
                                 {"given_name", "Anna"},
                                 {"family_name", "Berg"},
                                 {"groups", "fremdrift-admins"}});
  EXPECT_EQ(c.email, "a@b.dk");
  EXPECT_EQ(c.name, "Anna Berg");
  EXPECT_EQ(c.groups, std::vector<std::string>{"fremdrift-admins"});
  EXPECT_EQ(c.employee_id, "");
}

TEST(SsoClaims, NoGroupsClaimConfiguredMeansNoGroups) {
  auto idp = mapped();
  idp.groups_claim.reset();
  EXPECT_TRUE(map_claims(idp, {{"groups", {"fremdrift-admins"}}}).groups.empty());
}

TEST(SsoRoles, AdminWinsOverMemberAndUnmappedGroupsGiveNothing) {
  auto idp = mapped();
  EXPECT_EQ(mapped_role(idp, {"fremdrift-users", "fremdrift-admins"}), "admin");
  EXPECT_EQ(mapped_role(idp, {"hr", "fremdrift-users"}), "member");
  EXPECT_EQ(mapped_role(idp, {"hr"}), std::nullopt);
  EXPECT_EQ(mapped_role(idp, {}), std::nullopt);
}

TEST(SsoSettings, CreateNeedsSlugKindAndNameAndKnownChoices) {
  json ok = {{"slug", "entra"}, {"kind", "oidc"}, {"display_name", "Entra ID"}};
  EXPECT_EQ(refused_field(ok), "");
  EXPECT_EQ(refused_field({{"kind", "oidc"}, {"display_name", "X"}}), "slug");
  EXPECT_EQ(refused_field({{"slug", "Entra ID"}, {"kind", "oidc"}, {"display_name", "X"}}), "slug");
  EXPECT_EQ(refused_field({{"slug", "x"}, {"kind", "ldap"}, {"display_name", "X"}}), "kind");
  auto bad_mode = ok;
  bad_mode["provisioning"] = "auto";
  EXPECT_EQ(refused_field(bad_mode), "provisioning");
  auto bad_map = ok;
  bad_map["role_map"] = {{"g", "owner"}};
  EXPECT_EQ(refused_field(bad_map), "role_map");
  auto bad_settings = ok;
  bad_settings["settings"] = "[1,2]";
  EXPECT_EQ(refused_field(bad_settings), "settings");
}

TEST(SsoSettings, FormLinesBecomeTheRoleMapAndAnEmptySecretKeepsTheStoredOne) {
  IdentityProvider stored;
  stored.secret = "s3cret";
  core::Input in(json{{"role_map", "admins = admin\n\n  staff=member  \n"}, {"secret", ""}}, true);
  auto changed = read_idp(in, stored, false);
  EXPECT_EQ(changed.role_map, (json{{"admins", "admin"}, {"staff", "member"}}));
  EXPECT_EQ(changed.secret, "s3cret");
  EXPECT_FALSE(to_json(changed).contains("secret"));
  EXPECT_TRUE(to_json(changed)["has_secret"].get<bool>());
}

}  // namespace
}  // namespace sso
