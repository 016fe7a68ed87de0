// The business case's store on both engines: the estimate made and updated with its
// version, approval by a decision in the project's log, the frozen version and the
// tenant's pricing.
#include <gtest/gtest.h>

#include "business_case/business_case_store.hpp"
#include "core/errors.hpp"
#include "db/test_databases.hpp"
#include "tenants/tenant_store.hpp"

namespace testing_db {
namespace {

using business_case::BusinessCaseStore;

class BusinessCaseStoreTest : public TenantStorageTest {
 protected:
  static business_case::BusinessCase three_years(business_case::BusinessCase bc) {
    bc.horizon = 3;
    bc.rows.assign(4, {});
    for (int y = 0; y < 4; ++y) bc.rows[y].year = y;
    bc.rows[0].one_off_costs = 100;
    bc.rows[1].running_benefit_hours = 1;  // × the hour price
    bc.rows[2].running_benefits = 40.5;
    return bc;
  }
};

TEST_P(BusinessCaseStoreTest, SavedVersionedApprovedAndFrozen) {
  auto project = new_project("Fælles plan");
  BusinessCaseStore store(sql(), tenant_);

  auto fresh = store.current(project);
  EXPECT_EQ(fresh.version, 0);
  EXPECT_EQ(store.pricing(fresh).rate, business_case::kDefaultRate);
  EXPECT_EQ(store.pricing(fresh).hour_price, 0);
  EXPECT_THROW(store.approve(nullptr, project, {.text = "ok", .decided_on = "2026-01-05"}, 0),
               core::Conflict);

  auto saved = store.save(nullptr, project, three_years(fresh), 0);
  EXPECT_EQ(saved.version, 1);
  EXPECT_THROW(store.save(nullptr, project, saved, 0), core::Conflict);  // made meanwhile
  auto read = store.current(project);
  ASSERT_EQ(read.rows.size(), 4u);
  EXPECT_DOUBLE_EQ(read.rows[2].running_benefits, 40.5);
  EXPECT_FALSE(read.discount_rate);

  // The tenant's hour price and rate price the case; the case's own rate wins.
  auto t = *tenants::TenantStore(sql()).find(tenant_);
  t.hour_price = 80;
  t.discount_rate = 0;
  tenants::TenantStore(sql()).update_settings(acting_as(""), t.version, t);
  auto pricing = store.pricing(read);
  EXPECT_DOUBLE_EQ(pricing.hour_price, 80);
  EXPECT_DOUBLE_EQ(pricing.rate, 0);
  // -100, +80, +40.5: cumulative -100, -20, 20.5 → year 2.
  EXPECT_EQ(business_case::compute(read.rows, read.horizon, pricing).payback_year, 2);

  auto v = store.approve(nullptr, project, {.text = "Godkendt", .decided_on = "2026-01-05"}, 1);
  EXPECT_EQ(v.number, 1);
  auto log = projects::ProjectStore(sql(), tenant_).decisions(project, "", "da");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["id"], v.decision_id);

  // A re-estimate and a later tenant price do not change the approved version.
  read.discount_rate = 10;
  read.rows[0].one_off_costs = 500;
  auto changed = store.save(nullptr, project, read, 1);
  EXPECT_EQ(changed.version, 2);
  EXPECT_THROW(store.save(nullptr, project, read, 1), core::Conflict);
  EXPECT_THROW(store.approve(nullptr, project, {.text = "igen", .decided_on = "2026-02-01"}, 1),
               core::Conflict);
  auto approved = store.approved(project);
  ASSERT_TRUE(approved);
  EXPECT_DOUBLE_EQ(approved->rows[0].one_off_costs, 100);
  EXPECT_DOUBLE_EQ(approved->pricing.rate, 0);
  EXPECT_DOUBLE_EQ(approved->pricing.hour_price, 80);
  EXPECT_EQ(approved->decision, "Godkendt");
  EXPECT_DOUBLE_EQ(store.pricing(store.current(project)).rate, 10);

  store.approve(nullptr, project, {.text = "Ny version", .decided_on = "2026-02-01"}, 2);
  auto all = store.versions(project);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].number, 2);
  EXPECT_DOUBLE_EQ(all[0].rows[0].one_off_costs, 500);
}

TEST_P(BusinessCaseStoreTest, AnotherTenantsProjectIsNotFound) {
  auto b = new_tenant();
  auto project = new_project("Fælles plan");
  EXPECT_THROW(BusinessCaseStore(sql(), b).current(project), core::NotFound);
  EXPECT_THROW(BusinessCaseStore(sql(), b).versions(project), core::NotFound);
  EXPECT_THROW(BusinessCaseStore(sql(), b).save(nullptr, project, business_case::BusinessCase{}, 0),
               core::NotFound);
}

STORAGE_TEST_ENGINES(BusinessCaseStoreTest);

}  // namespace
}  // namespace testing_db
