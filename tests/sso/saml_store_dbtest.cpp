// The SAML SP's state on both engines: a request answered once and only through its provider
// and tenant, an assertion ID accepted once, expired rows purged, and the SAML session kept
// for single logout (not an OIDC one), and the sessions the IdP ends by NameID.
#include <gtest/gtest.h>

#include "core/auth_context.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "sso/idp_store.hpp"
#include "sso/saml_store.hpp"

namespace testing_db {
namespace {

class SamlStoreTest : public TenantStorageTest {
 protected:
  std::string provider(const std::string& tenant, const std::string& slug) {
    core::AuthContext who;
    who.tenant_id = tenant;
    who.name = "Admin";
    who.role = "admin";
    sso::IdentityProvider p;
    p.slug = slug;
    p.kind = "saml";
    p.display_name = "Context Handler";
    return sso::IdpStore(sql(), tenant).create(who, p).id;
  }
};

TEST_P(SamlStoreTest, ARequestIsAnsweredOnceThroughItsOwnProviderAndTenant) {
  if (!lease_) return;
  auto idp = provider(tenant_, "kombit");
  auto other = provider(tenant_, "sambi");
  sso::saml::SamlStore store(sql(), tenant_);
  store.save_request(idp, "_r1", "/projects", core::iso_plus_seconds(600));
  EXPECT_EQ(store.take_request(other, "_r1"), std::nullopt);
  auto other_tenant = new_tenant();
  EXPECT_EQ(sso::saml::SamlStore(sql(), other_tenant).take_request(idp, "_r1"), std::nullopt);
  EXPECT_EQ(store.take_request(idp, "_r1"), "/projects");
  EXPECT_EQ(store.take_request(idp, "_r1"), std::nullopt);
  // An expired request is not answered, and the next request written purges it.
  store.save_request(idp, "_old", "/", core::iso_plus_seconds(-5));
  EXPECT_EQ(store.take_request(idp, "_old"), std::nullopt);
  store.save_request(idp, "_r2", "/", core::iso_plus_seconds(600));
  EXPECT_EQ(
      db::scalar(sql(), "SELECT COUNT(*) FROM sso_requests WHERE tenant_id = :t", {{"t", tenant_}}),
      1);
}

TEST_P(SamlStoreTest, AnAssertionIdIsAcceptedOncePerProvider) {
  if (!lease_) return;
  auto idp = provider(tenant_, "kombit");
  auto other = provider(tenant_, "sambi");
  sso::saml::SamlStore store(sql(), tenant_);
  EXPECT_TRUE(store.first_use(idp, "_a1", core::iso_plus_seconds(600)));
  EXPECT_FALSE(store.first_use(idp, "_a1", core::iso_plus_seconds(600)));
  EXPECT_TRUE(store.first_use(other, "_a1", core::iso_plus_seconds(600)));
  // Kept until it could no longer be accepted anyway, then purged.
  EXPECT_TRUE(store.first_use(idp, "_gone", core::iso_plus_seconds(-5)));
  EXPECT_TRUE(store.first_use(idp, "_a2", core::iso_plus_seconds(600)));
  EXPECT_EQ(db::scalar(sql(), "SELECT COUNT(*) FROM sso_used_ids WHERE used_id = '_gone'"), 0);
}

TEST_P(SamlStoreTest, KeepsTheSamlSessionForLogoutOnce) {
  if (!lease_) return;
  auto idp = provider(tenant_, "kombit");
  sso::saml::SamlStore(sql(), tenant_)
      .remember_session("token-1", {idp, "anna-1", "urn:persistent", "s-9"});
  EXPECT_EQ(sso::saml::take_session(sql(), "token-2"), std::nullopt);
  auto taken = sso::saml::take_session(sql(), "token-1");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->first, tenant_);
  EXPECT_EQ(taken->second.idp_id, idp);
  EXPECT_EQ(taken->second.name_id, "anna-1");
  EXPECT_EQ(taken->second.name_id_format, "urn:persistent");
  EXPECT_EQ(taken->second.session_index, "s-9");
  EXPECT_EQ(sso::saml::take_session(sql(), "token-1"), std::nullopt);
}

TEST_P(SamlStoreTest, TheIdpEndsTheSessionsOfItsNameIdAndSessionIndexOnly) {
  if (!lease_) return;
  auto idp = provider(tenant_, "kombit");
  auto other = provider(tenant_, "sambi");
  sso::saml::SamlStore store(sql(), tenant_);
  store.remember_session("t1", {idp, "anna-1", "urn:persistent", "s-1"}, "person-a");
  store.remember_session("t2", {idp, "anna-1", "urn:persistent", "s-2"}, "person-a");
  store.remember_session("t3", {idp, "bo-2", "urn:persistent", "s-3"}, "person-b");
  store.remember_session("t4", {other, "anna-1", "urn:persistent", "s-4"}, "person-a");
  EXPECT_EQ(db::scalar(sql(), "SELECT COUNT(*) FROM sso_sessions WHERE person_id = 'person-a'"), 3);
  EXPECT_EQ(sso::saml::end_idp_sessions(sql(), new_tenant(), idp, "anna-1", {}), 0);
  EXPECT_EQ(sso::saml::end_idp_sessions(sql(), tenant_, idp, "anna-1", {"s-2", "s-9"}), 1);
  EXPECT_EQ(sso::saml::take_session(sql(), "t2"), std::nullopt);
  // Without a SessionIndex every session of the NameID at this IdP ends.
  EXPECT_EQ(sso::saml::end_idp_sessions(sql(), tenant_, idp, "anna-1", {}), 1);
  EXPECT_EQ(sso::saml::take_session(sql(), "t1"), std::nullopt);
  EXPECT_NE(sso::saml::take_session(sql(), "t3"), std::nullopt);
  EXPECT_NE(sso::saml::take_session(sql(), "t4"), std::nullopt);
}

STORAGE_TEST_ENGINES(SamlStoreTest);

}  // namespace
}  // namespace testing_db
