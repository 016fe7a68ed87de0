// Projects started from bank entries, on both engines: a start writes the project, its maps,
// KPIs and the adoption row together or nothing at all; "used by" counts tenants, the
// headlines are the consented projects only; an unpublished entry is found no more while the
// projects started from it stay.
#include <string>

#include <gtest/gtest.h>

#include "bank/adoption_store.hpp"
#include "bank/bank_fixture.hpp"
#include "bank/bank_store.hpp"
#include "bank/project_source.hpp"
#include "bank/snapshot.hpp"
#include "core/errors.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"

namespace testing_db {
namespace {

using bank::AdoptionStore;

class AdoptionStoreTest : public TenantStorageTest {
 protected:
  // The test's tenant publishes a seeded project; the entry's id.
  std::string published_entry() {
    auto seeded = testing_bank::seed_project(sql(), tenant_, "Hjælpemidler ved udskrivelse");
    project_ = seeded.project_id;
    bank::Classification c{
        "Hjælpemidlet er der", "elderly_care", std::nullopt, {}, "cc0", "project_leader", "da"};
    auto entry = bank::build_entry(bank::read_project(sql(), tenant_, project_), c);
    return bank::BankStore(sql(), tenant_).publish(nullptr, project_, entry).id;
  }
  projects::Project start(const std::string& tenant, const bank::Published& from,
                          const std::string& title, bool consent) {
    core::AuthContext who;
    who.tenant_id = tenant;
    bank::StartRequest r;
    r.title = title;
    r.map_as = "redesign";
    r.consent = consent;
    return AdoptionStore(sql(), tenant).start(who, from, r, {"I dag", "Ny", "Borger"});
  }
  std::int64_t count(const char* table, const std::string& tenant) {
    return db::scalar(
        sql(), std::string("SELECT COUNT(*) FROM ") + table + " WHERE tenant_id = :tenant_id",
        {{"tenant_id", tenant}});
  }

  std::string project_;
};

TEST_P(AdoptionStoreTest, UsedByCountsTenantsAndHeadlinesAreTheConsentedOnly) {
  auto entry = published_entry();
  auto b = new_tenant();
  auto c = new_tenant();
  auto from = AdoptionStore(sql(), b).published(entry);
  EXPECT_EQ(from.version, 1);
  EXPECT_EQ(AdoptionStore(sql(), b).used_by(entry), 0);
  auto shown = start(b, from, "Vores hjælpemidler", true);
  start(b, from, "Et projekt mere", false);
  start(c, from, "C's", false);
  EXPECT_EQ(AdoptionStore(sql(), b).used_by(entry), 2);
  auto headlines = AdoptionStore(sql(), c).headlines(entry);
  ASSERT_EQ(headlines.size(), 1u);
  EXPECT_EQ(headlines[0].title, "Vores hjælpemidler");
  EXPECT_EQ(headlines[0].municipality.rfind("Test t", 0), 0u);
  EXPECT_EQ(count("projects", b), 2);
  EXPECT_EQ(count("maps", b), 4);  // an initial as-is and the entry's redesign, twice
  ASSERT_GT(count("kpis", tenant_), 0);
  EXPECT_EQ(count("kpis", b), 2 * count("kpis", tenant_));  // definitions, per project
  EXPECT_EQ(
      db::scalar(sql(),
                 "SELECT consent FROM bank_adoptions WHERE tenant_id = :t AND project_id = :p",
                 {{"t", b}, {"p", shown.id}}),
      1);
}

TEST_P(AdoptionStoreTest, AStartThatFailsLeavesNothing) {
  auto entry = published_entry();
  auto b = new_tenant();
  auto from = AdoptionStore(sql(), b).published(entry);
  from.entry.redesign_bpmn = "<not a map";  // refused after the project was written
  const auto audited = count("audit_log", b);
  EXPECT_THROW(start(b, from, "Halvt", true), core::ValidationError);
  for (const char* table : {"projects", "project_roles", "maps", "kpis", "bank_adoptions"})
    EXPECT_EQ(count(table, b), 0) << table;
  EXPECT_EQ(count("audit_log", b), audited);
}

TEST_P(AdoptionStoreTest, AnUnpublishedEntryIsNotFoundAndWhatWasStartedStays) {
  auto entry = published_entry();
  auto b = new_tenant();
  auto from = AdoptionStore(sql(), b).published(entry);
  start(b, from, "Før", true);
  bank::BankStore(sql(), tenant_).unpublish(nullptr, project_);
  EXPECT_THROW(AdoptionStore(sql(), b).published(entry), core::NotFound);
  EXPECT_THROW(AdoptionStore(sql(), b).published("no-such-entry"), core::NotFound);
  EXPECT_EQ(count("projects", b), 1);
  EXPECT_EQ(AdoptionStore(sql(), b).used_by(entry), 1);
}

STORAGE_TEST_ENGINES(AdoptionStoreTest);

}  // namespace
}  // namespace testing_db
