#pragma once

#include <string>

#include <gtest/gtest.h>

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

std::string engine_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace testing_db

#define STORAGE_TEST_ENGINES(suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Engines, suite, ::testing::Values("sqlite", "postgres"), \
                           testing_db::engine_name)
