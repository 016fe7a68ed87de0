#pragma once

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "core/auth_context.hpp"
#include "db/database.hpp"

namespace testing_db {

// Storage tests run once per engine. SQLite uses a fresh temporary file per test
// binary; PostgreSQL uses FREMDRIFT_TEST_PG (set by scripts/test.sh, which starts a
// throw-away cluster). Tests isolate themselves by creating their own tenant.
class StorageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  db::Database& database() { return *db_; }
  // A new tenant with a unique slug; returns its id.
  std::string new_tenant();

 private:
  db::Database* db_ = nullptr;
};

// Rows many storage tests start from, made through the stores as the app makes them; each
// returns the new row's id.
std::string new_project(soci::session& sql, const std::string& tenant, const std::string& title,
                        const std::string& template_key = "ffb");
std::string new_person(soci::session& sql, const std::string& tenant, const std::string& name,
                       const std::optional<std::string>& unit = std::nullopt);
std::string new_unit(soci::session& sql, const std::string& tenant, const std::string& name);

// A storage test with a tenant of its own and one session held for the whole test, for
// suites whose every test starts there.
class TenantStorageTest : public StorageTest {
 protected:
  // Leaves lease_ empty when the engine is skipped: a suite's SetUp checks it before it
  // adds rows of its own.
  void SetUp() override;
  void TearDown() override { lease_.reset(); }
  soci::session& sql() { return **lease_; }
  std::string new_project(const std::string& title) {
    return testing_db::new_project(sql(), tenant_, title);
  }
  // In this test's tenant unless `tenant` names another.
  std::string new_person(const std::string& name, const std::string& tenant = "") {
    return testing_db::new_person(sql(), tenant.empty() ? tenant_ : tenant, name);
  }
  std::string new_person_in_unit(const std::string& name, const std::string& unit) {
    return testing_db::new_person(sql(), tenant_, name, unit);
  }
  std::string new_unit(const std::string& name, const std::string& tenant = "") {
    return testing_db::new_unit(sql(), tenant.empty() ? tenant_ : tenant, name);
  }
  // A member of this test's tenant with a login (a good password), as the app makes one.
  accounts::Account new_member(const std::string& name, const std::string& email) {
    return accounts::AccountStore(sql()).create_user(
        tenant_, nullptr, {email, name, "sparrow-kettle-first-7", "member", std::nullopt});
  }
  // Whom a store call is made for: `role` ("admin", "member", or none) in this test's tenant,
  // named `name`, as `person` when given.
  core::AuthContext acting_as(const std::string& role, const std::string& name = "",
                              const std::string& person = "") const {
    core::AuthContext who;
    who.tenant_id = tenant_;
    who.role = role;
    who.name = name;
    who.person_id = person;
    return who;
  }

  std::string tenant_;
  std::optional<db::Lease> lease_;
};

// A tenant storage test with one project, for suites about a project's tool.
class ProjectStorageTest : public TenantStorageTest {
 protected:
  void SetUp() override;

  std::string project_;
};

std::string engine_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace testing_db

#define STORAGE_TEST_ENGINES(suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Engines, suite, ::testing::Values("sqlite", "postgres"), \
                           testing_db::engine_name)
