#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "accounts/login_limiter.hpp"
#include "accounts/session_store.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/test_databases.hpp"

namespace testing_db {
namespace {

class AccountsStoreTest : public StorageTest {
 protected:
  std::string unique_email() {
    static int n = 0;
    return "user" + std::to_string(++n) + "-" + std::to_string(std::rand()) + "@kommune.dk";
  }
};

TEST_P(AccountsStoreTest, CreateUserMakesPersonAndLoginTogether) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  accounts::AccountStore store(*sql);
  auto email = unique_email();
  auto a =
      store.create_user(tenant, nullptr, {email, "Anne", "long-password-1", "admin", std::nullopt});
  auto found = store.find_by_email(email);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->tenant_id, tenant);
  EXPECT_EQ(found->role, "admin");
  auto who = store.by_account(tenant, a.id);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->name, "Anne");
  // E-mails are unique across the installation, not only per tenant.
  EXPECT_THROW(store.create_user(new_tenant(), nullptr,
                                 {email, "Other", "long-password-1", "member", std::nullopt}),
               core::Conflict);
}

TEST_P(AccountsStoreTest, FailedCreateLeavesNoHalfWrittenPerson) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  accounts::AccountStore store(*sql);
  EXPECT_THROW(
      store.create_user(tenant, nullptr, {unique_email(), "Kort", "short", "member", std::nullopt}),
      core::ValidationError);
  int people = -1;
  *sql << "SELECT COUNT(*) FROM people WHERE tenant_id = :t", soci::use(tenant), soci::into(people);
  EXPECT_EQ(people, 0);
}

TEST_P(AccountsStoreTest, SessionsResolveUntilEndedAndStoreOnlyHashes) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  auto a = accounts::AccountStore(*sql).create_user(
      tenant, nullptr, {unique_email(), "Bo", "long-password-1", "member", std::nullopt});
  accounts::SessionStore sessions(*sql);
  auto s = sessions.start(tenant, a.id);
  auto who = sessions.resolve(s.token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->account_id, a.id);
  EXPECT_EQ(who->csrf_token, s.csrf_token);
  int raw = -1;
  *sql << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t", soci::use(s.token),
      soci::into(raw);
  EXPECT_EQ(raw, 0);
  sessions.end(s.token);
  EXPECT_FALSE(sessions.resolve(s.token));
  EXPECT_FALSE(sessions.resolve("made-up"));
}

TEST_P(AccountsStoreTest, ExpiredSessionsDoNotResolve) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  auto a = accounts::AccountStore(*sql).create_user(
      tenant, nullptr, {unique_email(), "Cy", "long-password-1", "member", std::nullopt});
  accounts::SessionStore sessions(*sql);
  auto s = sessions.start(tenant, a.id);
  std::string past = core::iso_plus_seconds(-1);
  *sql << "UPDATE sessions SET expires_at = :p WHERE tenant_id = :t", soci::use(past),
      soci::use(tenant);
  EXPECT_FALSE(sessions.resolve(s.token));
}

TEST_P(AccountsStoreTest, PasswordChangeEndsSessions) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  accounts::AccountStore store(*sql);
  auto a = store.create_user(tenant, nullptr,
                             {unique_email(), "Di", "long-password-1", "member", std::nullopt});
  accounts::SessionStore sessions(*sql);
  auto s = sessions.start(tenant, a.id);
  store.set_password(tenant, nullptr, a.id, "new-long-password");
  EXPECT_FALSE(sessions.resolve(s.token));
}

TEST_P(AccountsStoreTest, ApiTokensResolveUntilRevokedAndOnlyForTheirOwner) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  accounts::AccountStore store(*sql);
  auto a = store.create_user(tenant, nullptr,
                             {unique_email(), "Eva", "long-password-1", "member", std::nullopt});
  auto b = store.create_user(tenant, nullptr,
                             {unique_email(), "Finn", "long-password-1", "member", std::nullopt});
  auto who_a = *store.by_account(tenant, a.id);
  auto who_b = *store.by_account(tenant, b.id);
  accounts::SessionStore sessions(*sql);
  auto token = sessions.create_api_token(who_a, "ci");
  auto resolved = sessions.resolve_api_token(token["token"]);
  ASSERT_TRUE(resolved);
  EXPECT_TRUE(resolved->via_token);
  EXPECT_THROW(sessions.revoke_api_token(who_b, token["id"]), core::NotFound);
  sessions.revoke_api_token(who_a, token["id"]);
  EXPECT_FALSE(sessions.resolve_api_token(token["token"]));
}

TEST_P(AccountsStoreTest, LoginLimiterCountsPerEmailAndAddress) {
  auto sql = database().lease();
  accounts::LoginLimiter limiter(*sql);
  auto email = unique_email();
  std::string addr = "192.0.2." + std::to_string(std::rand() % 250);
  for (int i = 0; i < accounts::kMaxFailures - 1; ++i) limiter.record_failure(email, addr);
  EXPECT_NO_THROW(limiter.check(email, addr));
  limiter.record_failure(email, addr);
  EXPECT_THROW(limiter.check(email, "198.51.100.1"), core::TooManyRequests);
  EXPECT_THROW(limiter.check(unique_email(), addr), core::TooManyRequests);
  limiter.clear(email);
  EXPECT_NO_THROW(limiter.check(email, "198.51.100.1"));
}

STORAGE_TEST_ENGINES(AccountsStoreTest);

}  // namespace
}  // namespace testing_db
