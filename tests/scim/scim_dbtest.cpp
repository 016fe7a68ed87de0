// The SCIM stores on both engines: identities, uniqueness, all-or-nothing writes, and a
// deactivation that ends sessions and tokens and raises the identity version in one commit.
#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "accounts/session_store.hpp"
#include "core/errors.hpp"
#include "db/identity_version.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "scim/scim_store.hpp"

namespace testing_db {
namespace {

class ScimStoreTest : public TenantStorageTest {
 protected:
  core::AuthContext scim() const { return acting_as("", "scim"); }
  static scim::User user(const std::string& name, const std::string& email) {
    scim::User u;
    u.user_name = name;
    u.name = name;
    u.email = email;
    return u;
  }
  std::int64_t count(const std::string& statement, const std::string& id) {
    return db::scalar(sql(), statement, {{"tenant_id", tenant_}, {"id", id}});
  }
};

TEST_P(ScimStoreTest, UserNamesAndExternalIdsAreUniqueInAnyCase) {
  if (!lease_) return;
  scim::UserStore store(sql(), tenant_);
  auto a = user("Ada", "ada-" + tenant_ + "@x.dk");
  a.external_id = "ext-a";
  auto made = store.create(scim(), a);
  EXPECT_EQ(store.find({"username", "ADA"}).at(0).meta.id, made.meta.id);
  EXPECT_EQ(store.find({"externalid", "ext-a"}).size(), 1U);
  EXPECT_TRUE(store.find({"externalid", "EXT-A"}).empty());  // externalId is case-exact
  auto clash = user("ada", "other-" + tenant_ + "@x.dk");
  EXPECT_THROW(store.create(scim(), clash), core::Conflict);
  auto b = user("Bea", "bea-" + tenant_ + "@x.dk");
  auto bea = store.create(scim(), b);
  // A replace that would take Ada's externalId changes nothing of Bea's, the person included.
  b.external_id = "ext-a";
  b.name = "Beatrice";
  EXPECT_THROW(store.replace(scim(), bea.meta.id, b), core::Conflict);
  EXPECT_EQ(store.get(bea.meta.id).user.name, "Bea");
  // Detached, the userName is free again.
  store.detach(scim(), made.meta.id);
  EXPECT_THROW(store.get(made.meta.id), core::NotFound);
  auto again = user("ADA", "ada2-" + tenant_ + "@x.dk");
  EXPECT_NE(store.create(scim(), again).meta.id, made.meta.id);
}

TEST_P(ScimStoreTest, DeactivationEndsSessionsAndTokensInTheSameCommit) {
  if (!lease_) return;
  std::string email = "login-" + tenant_ + "@x.dk";
  auto account = new_member("Lone", email);
  accounts::SessionStore sessions(sql());
  auto session = sessions.start(tenant_, account.id);
  auto who = accounts::AccountStore(sql()).by_account(tenant_, account.id);
  ASSERT_TRUE(who);
  auto token = sessions.create_api_token(*who, "script");
  ASSERT_TRUE(sessions.resolve(session.token));
  long long version = db::identity_version(sql(), tenant_);

  scim::UserStore store(sql(), tenant_);
  auto found = store.find({"username", email});
  ASSERT_EQ(found.size(), 1U);
  auto u = found[0].user;
  u.active = false;
  store.replace(scim(), account.person_id, u);
  EXPECT_GT(db::identity_version(sql(), tenant_), version);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE tenant_id = :tenant_id AND account_id = :id",
                  account.id),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM api_tokens WHERE tenant_id = :tenant_id AND account_id = "
                  ":id AND revoked_at IS NULL",
                  account.id),
            0);
  EXPECT_FALSE(sessions.resolve(session.token));
  EXPECT_FALSE(sessions.resolve_api_token(token["token"]));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE tenant_id = :tenant_id AND entity = "
                  "'account' AND entity_id = :id AND actor_name = 'scim'",
                  account.id),
            1);
  // Reactivated: the login is on again, nothing of before comes back.
  u.active = true;
  store.replace(scim(), account.person_id, u);
  EXPECT_TRUE(accounts::AccountStore(sql()).find_by_email(email)->active);
  EXPECT_FALSE(sessions.resolve(session.token));
  EXPECT_FALSE(sessions.resolve_api_token(token["token"]));
}

TEST_P(ScimStoreTest, TheTokenIsKeptAsItsHashAndNamesItsTenant) {
  if (!lease_) return;
  scim::TokenStore tokens(sql(), tenant_);
  auto admin = acting_as("", "Admin");
  std::string token = tokens.create(admin);
  EXPECT_EQ(scim::TokenStore::tenant_of(sql(), token), tenant_);
  EXPECT_EQ(
      db::scalar(sql(), "SELECT COUNT(*) FROM scim_tokens WHERE token_hash = :t", {{"t", token}}),
      0);  // not stored as it is
  EXPECT_EQ(scim::TokenStore::tenant_of(sql(), token + "x"), std::nullopt);
  EXPECT_EQ(scim::TokenStore::tenant_of(sql(), "fdt_" + token.substr(4)), std::nullopt);
  tokens.revoke(admin);
  EXPECT_EQ(scim::TokenStore::tenant_of(sql(), token), std::nullopt);
  EXPECT_THROW(tokens.revoke(admin), core::NotFound);
}

STORAGE_TEST_ENGINES(ScimStoreTest);

}  // namespace
}  // namespace testing_db
