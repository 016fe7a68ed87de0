#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "accounts/login_limiter.hpp"
#include "accounts/session_store.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/test_databases.hpp"

namespace testing_db {
namespace {

class AccountsStoreTest : public TenantStorageTest {
 protected:
  static std::string unique_email() {
    static int n = 0;
    // Unique across runs too: a PostgreSQL test database may outlive one run.
    auto now = std::chrono::system_clock::now().time_since_epoch().count();
    return "user" + std::to_string(++n) + "-" + std::to_string(now) + "@kommune.dk";
  }
  // A member with a unique e-mail.
  accounts::Account new_member(const std::string& name) {
    return TenantStorageTest::new_member(name, unique_email());
  }
};

TEST_P(AccountsStoreTest, CreateUserMakesPersonAndLoginTogether) {
  accounts::AccountStore store(sql());
  auto email = unique_email();
  auto a = store.create_user(tenant_, nullptr,
                             {email, "Anne", "sparrow-kettle-first-7", "admin", std::nullopt});
  auto found = store.find_by_email(email);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->tenant_id, tenant_);
  EXPECT_EQ(found->role, "admin");
  auto who = store.by_account(tenant_, a.id);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->name, "Anne");
  // E-mails are unique across the installation, not only per tenant.
  EXPECT_THROW(
      store.create_user(new_tenant(), nullptr,
                        {email, "Other", "sparrow-kettle-first-7", "member", std::nullopt}),
      core::Conflict);
}

TEST_P(AccountsStoreTest, FailedCreateLeavesNoHalfWrittenPerson) {
  accounts::AccountStore store(sql());
  EXPECT_THROW(store.create_user(tenant_, nullptr,
                                 {unique_email(), "Kort", "short", "member", std::nullopt}),
               core::ValidationError);
  int people = -1;
  sql() << "SELECT COUNT(*) FROM people WHERE tenant_id = :t", soci::use(tenant_),
      soci::into(people);
  EXPECT_EQ(people, 0);
}

TEST_P(AccountsStoreTest, SessionsResolveUntilEndedAndStoreOnlyHashes) {
  auto a = new_member("Bo");
  accounts::SessionStore sessions(sql());
  auto s = sessions.start(tenant_, a.id);
  auto who = sessions.resolve(s.token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->account_id, a.id);
  EXPECT_EQ(who->csrf_token, s.csrf_token);
  int raw = -1;
  sql() << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t", soci::use(s.token),
      soci::into(raw);
  EXPECT_EQ(raw, 0);
  sessions.end(s.token);
  EXPECT_FALSE(sessions.resolve(s.token));
  EXPECT_FALSE(sessions.resolve("made-up"));
}

TEST_P(AccountsStoreTest, ExpiredSessionsDoNotResolve) {
  auto a = new_member("Cy");
  accounts::SessionStore sessions(sql());
  auto s = sessions.start(tenant_, a.id);
  std::string past = core::iso_plus_seconds(-1);
  sql() << "UPDATE sessions SET expires_at = :p WHERE tenant_id = :t", soci::use(past),
      soci::use(tenant_);
  EXPECT_FALSE(sessions.resolve(s.token));
}

TEST_P(AccountsStoreTest, PasswordChangeEndsSessions) {
  accounts::AccountStore store(sql());
  auto a = new_member("Di");
  accounts::SessionStore sessions(sql());
  auto s = sessions.start(tenant_, a.id);
  store.set_password(tenant_, nullptr, a.id, "new-long-password");
  EXPECT_FALSE(sessions.resolve(s.token));
}

TEST_P(AccountsStoreTest, ApiTokensResolveUntilRevokedAndOnlyForTheirOwner) {
  accounts::AccountStore store(sql());
  auto a = new_member("Eva");
  auto b = new_member("Finn");
  auto who_a = *store.by_account(tenant_, a.id);
  auto who_b = *store.by_account(tenant_, b.id);
  accounts::SessionStore sessions(sql());
  auto token = sessions.create_api_token(who_a, "ci");
  auto resolved = sessions.resolve_api_token(token["token"]);
  ASSERT_TRUE(resolved);
  EXPECT_TRUE(resolved->via_token);
  EXPECT_THROW(sessions.revoke_api_token(who_b, token["id"]), core::NotFound);
  sessions.revoke_api_token(who_a, token["id"]);
  EXPECT_FALSE(sessions.resolve_api_token(token["token"]));
}

TEST_P(AccountsStoreTest, LoginLimiterCountsPerEmailAndAddress) {
  accounts::LoginLimiter limiter(sql());
  auto email = unique_email();
  // An address of its own (the unique e-mail's local part): the limit counts per address.
  std::string addr = "addr-" + email;
  for (int i = 0; i < accounts::kMaxFailures; ++i) EXPECT_NO_THROW(limiter.claim(email, addr));
  // The e-mail is used up from any address; the address is used up for any e-mail.
  EXPECT_THROW(limiter.claim(email, "198.51.100.1"), core::TooManyRequests);
  EXPECT_THROW(limiter.claim(unique_email(), addr), core::TooManyRequests);
  // A right password clears the e-mail and gives the address its attempt back.
  limiter.succeeded(email, addr);
  EXPECT_NO_THROW(limiter.claim(email, "198.51.100.2"));
  EXPECT_NO_THROW(limiter.claim(unique_email(), addr));
  EXPECT_THROW(limiter.claim(unique_email(), addr), core::TooManyRequests);
}

TEST_P(AccountsStoreTest, LoginLimiterHoldsUnderParallelAttempts) {
  // 60 attempts at once for one e-mail: exactly the limit may get to the password check.
  auto email = unique_email();
  std::atomic<int> allowed{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 60; ++i) {
    threads.emplace_back([&, i] {
      auto sql = database().lease();
      accounts::LoginLimiter limiter(*sql);
      try {
        limiter.claim(email, "203.0.113." + std::to_string(i));
        ++allowed;
      } catch (const core::TooManyRequests&) {
        ++refused;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), accounts::kMaxFailures);
  EXPECT_EQ(refused.load(), 60 - accounts::kMaxFailures);
}

STORAGE_TEST_ENGINES(AccountsStoreTest);

}  // namespace
}  // namespace testing_db
