// The one SSO sign-in on both engines: finding, linking and creating people per provisioning
// mode, the role map, refusals, and the tenant boundary of the provider store.
#include <gtest/gtest.h>

#include "accounts/login_activation.hpp"
#include "accounts/login_store.hpp"
#include "accounts/session_store.hpp"
#include "core/errors.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "org/person_store.hpp"
#include "sso/idp_store.hpp"
#include "sso/sign_in.hpp"

namespace testing_db {
namespace {

class SsoSignInTest : public TenantStorageTest {
 protected:
  core::AuthContext admin() const {
    core::AuthContext who;
    who.tenant_id = tenant_;
    who.name = "Admin";
    who.role = "admin";
    return who;
  }
  sso::IdentityProvider provider(const std::string& mode) {
    sso::IdentityProvider p;
    p.slug = "idp-" + mode;
    p.display_name = "Test IdP";
    p.provisioning = mode;
    p.groups_claim = "groups";
    p.role_map = {{"admins", "admin"}};
    return sso::IdpStore(sql(), tenant_).create(admin(), p);
  }
  sso::Claims claims(const std::string& subject, const std::string& local) const {
    sso::Claims c;
    c.subject = subject;
    c.issuer = "https://idp.example";
    c.email = local + "-" + tenant_ + "@example.dk";
    c.name = "Person " + local;
    return c;
  }
  std::string person_with_email(const std::string& local) {
    org::PersonFields f;
    f.name = "Known " + local;
    f.email = std::optional<std::string>(local + "-" + tenant_ + "@example.dk");
    return org::PersonStore(sql(), tenant_).create(nullptr, f).id;
  }
  static std::string refusal(const std::function<void()>& run) {
    try {
      run();
    } catch (const core::Forbidden& e) {
      return e.code();
    }
    return "";
  }
};

TEST_P(SsoSignInTest, JitCreatesPersonLoginAndSessionThenFindsThemBySubject) {
  if (!lease_) return;
  auto idp = provider("jit");
  auto first = sso::sign_in(sql(), idp, claims("sub-1", "new"));
  EXPECT_EQ(first.who.tenant_id, tenant_);
  EXPECT_EQ(first.who.email,
            accounts::LoginStore(sql(), tenant_).for_person(first.who.person_id)->email);
  EXPECT_EQ(first.who.email.rfind("new-", 0), 0U);
  EXPECT_EQ(first.who.role, "member");
  EXPECT_EQ(first.who.name, "Person new");
  auto resolved = accounts::SessionStore(sql()).resolve(first.session.token);
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->person_id, first.who.person_id);
  // The provider changed the address: the subject still finds the same person.
  auto moved = claims("sub-1", "renamed");
  moved.groups = {"admins"};
  auto second = sso::sign_in(sql(), idp, moved);
  EXPECT_EQ(second.who.person_id, first.who.person_id);
  EXPECT_EQ(second.who.role, "admin");  // the role map applied on a later sign-in
}

TEST_P(SsoSignInTest, InvitationRefusesStrangersAndLinksKnownPeopleByEmail) {
  if (!lease_) return;
  auto idp = provider("invitation");
  EXPECT_EQ(refusal([&] { sso::sign_in(sql(), idp, claims("sub-x", "stranger")); }),
            "sso_not_invited");
  EXPECT_EQ(db::scalar(sql(), "SELECT COUNT(*) FROM people WHERE tenant_id = :t", {{"t", tenant_}}),
            0);
  auto known = person_with_email("known");
  auto in = sso::sign_in(sql(), idp, claims("sub-k", "known"));
  EXPECT_EQ(in.who.person_id, known);
  EXPECT_EQ(db::scalar(sql(),
                       "SELECT COUNT(*) FROM sso_identities WHERE tenant_id = :t AND "
                       "subject = 'sub-k' AND person_id = :p",
                       {{"t", tenant_}, {"p", known}}),
            1);
}

TEST_P(SsoSignInTest, DeactivatedPeopleAndDisabledProvidersAreRefused) {
  if (!lease_) return;
  auto idp = provider("jit");
  auto in = sso::sign_in(sql(), idp, claims("sub-d", "leaver"));
  accounts::set_login_active(sql(), tenant_, admin(), in.who.person_id, false);
  EXPECT_EQ(refusal([&] { sso::sign_in(sql(), idp, claims("sub-d", "leaver")); }),
            "sso_deactivated");
  auto person = org::PersonStore(sql(), tenant_).get(person_with_email("inactive"));
  person.active = false;
  org::PersonStore(sql(), tenant_).update(nullptr, person, person.version);
  EXPECT_EQ(refusal([&] { sso::sign_in(sql(), idp, claims("sub-i", "inactive")); }),
            "sso_deactivated");
  idp.enabled = false;
  EXPECT_EQ(refusal([&] { sso::sign_in(sql(), idp, claims("sub-n", "someone")); }), "sso_disabled");
}

TEST_P(SsoSignInTest, ProvidersAreTheTenantsOwnAndSlugsUniqueWithinIt) {
  if (!lease_) return;
  auto idp = provider("jit");
  auto other = new_tenant();
  EXPECT_THROW(sso::IdpStore(sql(), other).get(idp.id), core::NotFound);
  EXPECT_FALSE(sso::IdpStore(sql(), other).by_slug(idp.slug));
  EXPECT_THROW(provider("jit"), core::Conflict);
  sso::IdentityProvider same_slug;
  same_slug.slug = idp.slug;
  same_slug.display_name = "Theirs";
  core::AuthContext them;
  them.tenant_id = other;
  EXPECT_NO_THROW(sso::IdpStore(sql(), other).create(them, same_slug));
  // The secret is stored but never part of the JSON.
  auto changed = idp;
  changed.secret = "client-secret";
  auto stored = sso::IdpStore(sql(), tenant_).update(admin(), changed, idp.version);
  EXPECT_EQ(stored.secret, "client-secret");
  EXPECT_EQ(sso::to_json(stored).dump().find("client-secret"), std::string::npos);
  EXPECT_THROW(sso::IdpStore(sql(), tenant_).update(admin(), changed, idp.version), core::Conflict);
}

STORAGE_TEST_ENGINES(SsoSignInTest);

}  // namespace
}  // namespace testing_db
