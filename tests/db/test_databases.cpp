#include "db/test_databases.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>

#include <unistd.h>

#include "tenants/tenant_store.hpp"

namespace testing_db {
namespace {

db::Database* shared(const std::string& engine) {
  static std::map<std::string, std::unique_ptr<db::Database>> dbs;
  auto it = dbs.find(engine);
  if (it != dbs.end()) return it->second.get();
  std::string url;
  if (engine == "sqlite") {
    auto path = std::filesystem::temp_directory_path() /
                ("fremdrift-dbtest-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    url = "sqlite:" + path.string();
  } else {
    const char* pg = std::getenv("FREMDRIFT_TEST_PG");
    if (!pg || !*pg) return nullptr;
    url = pg;
  }
  auto db = std::make_unique<db::Database>(url, 4);
  db->migrate();
  return (dbs[engine] = std::move(db)).get();
}

}  // namespace

void StorageTest::SetUp() {
  db_ = shared(GetParam());
  if (db_ == nullptr) {
    // make test always sets it; a bare run of the binary may not.
    if (std::getenv("FREMDRIFT_REQUIRE_PG")) FAIL() << "FREMDRIFT_TEST_PG is not set";
    GTEST_SKIP() << "FREMDRIFT_TEST_PG not set; PostgreSQL storage tests skipped";
  }
}

std::string StorageTest::new_tenant() {
  static std::atomic<int> n{0};
  std::string slug = "t" + std::to_string(::getpid()) + "-" + std::to_string(++n) + "-" +
                     std::to_string(std::rand() % 100000);
  auto sql = db_->lease();
  return tenants::TenantStore(*sql).create(slug, "Test " + slug, "municipality", "da").id;
}

std::string engine_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace testing_db
