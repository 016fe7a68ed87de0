#include "db/test_databases.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>

#include <unistd.h>

#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/method_template.hpp"
#include "projects/project_store.hpp"
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

std::string new_project(soci::session& sql, const std::string& tenant, const std::string& title,
                        const std::string& template_key) {
  projects::CharterFields charter;
  charter.title = title;
  return projects::ProjectStore(sql, tenant)
      .create(nullptr, *projects::find_template(template_key), charter)
      .id;
}

std::string new_person(soci::session& sql, const std::string& tenant, const std::string& name,
                       const std::optional<std::string>& unit) {
  org::PersonFields f;
  f.name = name;
  if (unit) f.unit_id = unit;
  return org::PersonStore(sql, tenant).create(nullptr, f).id;
}

std::string new_unit(soci::session& sql, const std::string& tenant, const std::string& name) {
  org::UnitFields f;
  f.name = name;
  return org::UnitStore(sql, tenant).create(nullptr, f).id;
}

void TenantStorageTest::SetUp() {
  StorageTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  tenant_ = new_tenant();
  lease_.emplace(database());
}

void ProjectStorageTest::SetUp() {
  TenantStorageTest::SetUp();
  if (lease_) project_ = new_project("Projekt");
}

std::string engine_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace testing_db
