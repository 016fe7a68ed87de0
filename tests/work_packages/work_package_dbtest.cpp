// The work package, budget and actuals stores on both engines: dependencies kept as lists and
// a cycle refused with nothing stored; a budget replaced whole with its amounts exact to the
// øre (integers on both engines) and priced from the rate card; a stale budget refused; an
// actual priced from hours and one on another project's package refused; an import stored
// all at once; another tenant's package not found.
#include <optional>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/test_databases.hpp"
#include "work_packages/actual_store.hpp"
#include "work_packages/budget_store.hpp"
#include "work_packages/rate_card.hpp"
#include "work_packages/work_package_store.hpp"

namespace testing_db {
namespace {

using namespace work_packages;

class WorkPackageStoreTest : public ProjectStorageTest {
 protected:
  WorkPackage package(const std::string& title, std::vector<std::string> depends_on = {},
                      const std::string& project = "") {
    WorkPackage wp;
    wp.title = title;
    wp.start = "2026-01-01";
    wp.end = "2026-06-30";
    wp.depends_on = std::move(depends_on);
    return WorkPackageStore(sql(), tenant_)
        .create(nullptr, project.empty() ? project_ : project, wp);
  }
  // `rate`: per hour, in minor units.
  void add_rate(const std::string& role, long long rate) {
    HourlyRate entry;
    entry.role = role;
    entry.rate = rate;
    RateCardStore(sql(), tenant_).create(nullptr, entry);
  }
};

TEST_P(WorkPackageStoreTest, DependenciesAreKeptAndACycleIsRefused) {
  auto a = package("A");
  auto b = package("B", {a.id});
  auto c = package("C", {b.id});
  WorkPackageStore store(sql(), tenant_);
  EXPECT_EQ(store.get(c.id).depends_on, std::vector<std::string>{b.id});
  auto ring = store.get(a.id);
  ring.depends_on = {c.id};
  EXPECT_THROW(store.update(nullptr, ring, 1), core::ValidationError);
  EXPECT_TRUE(store.get(a.id).depends_on.empty());
  EXPECT_EQ(store.of_project(project_).size(), 3u);
  store.remove(nullptr, b.id);
  EXPECT_TRUE(store.get(c.id).depends_on.empty());
  // Another tenant finds nothing.
  EXPECT_THROW(WorkPackageStore(sql(), new_tenant()).get(a.id), core::NotFound);
}

TEST_P(WorkPackageStoreTest, TheBudgetIsExactAndPricedFromTheRateCard) {
  auto wp = package("A");
  add_rate("project_leader", 65050);
  BudgetStore budgets(sql(), tenant_);
  Budget b;
  b.lines = {{.year = 2026, .role = "project_leader", .hours = 12345, .other = 999999999999LL},
             {.year = 2027, .subcontractors = 1}};
  b.financing = {{"grant", "Fonden", 3333}, {"in_kind", std::nullopt, 6667}};
  auto saved = budgets.put(nullptr, wp, b, 0);
  EXPECT_EQ(saved.version, 1);
  ASSERT_EQ(saved.lines.size(), 2u);
  EXPECT_EQ(saved.lines[0].rate, 65050);
  EXPECT_EQ(personnel(saved.lines[0]), 8030423);  // 123.45 h × 650.50 = 80304.2250 kr.
  EXPECT_EQ(saved.lines[0].other, 999999999999LL);
  EXPECT_EQ(saved.financing[0].funder, "Fonden");
  EXPECT_EQ(saved.financing[1].share, 6667);
  EXPECT_EQ(total(budgets.of(wp)), 8030423 + 999999999999LL + 1);
  // A stale version, and hours with no rate, change nothing.
  EXPECT_THROW(budgets.put(nullptr, wp, b, 0), core::Conflict);
  Budget unpriced = b;
  unpriced.lines[0].role = "change_agent";
  try {
    budgets.put(nullptr, wp, unpriced, 1);
    FAIL() << "hours with no rate were stored";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("lines[0]"));
  }
  EXPECT_EQ(budgets.of(wp).version, 1);
  EXPECT_EQ(budgets.of(wp).lines[0].role, "project_leader");
}

TEST_P(WorkPackageStoreTest, ActualsArePricedFromHoursAndKeptToTheirProject) {
  auto wp = package("A");
  add_rate("project_group", 50000);
  Budget b;
  b.lines = {{.year = 2026, .role = "project_group", .hours = 10000}};
  b.financing = {{"in_kind", std::nullopt, 10000}};
  BudgetStore(sql(), tenant_).put(nullptr, wp, b, std::nullopt);
  ActualStore actuals(sql(), tenant_);
  Actual hours;
  hours.work_package_id = wp.id;
  hours.date = "2026-02-01";
  hours.hours = 250;
  EXPECT_EQ(actuals.create(nullptr, project_, hours).amount, 125000);  // 2.5 h × 500 kr.
  auto other = package("Andet", {}, new_project("Andet projekt"));
  Actual foreign = hours;
  foreign.work_package_id = other.id;
  EXPECT_THROW(actuals.create(nullptr, project_, foreign), core::ValidationError);
  auto rows = actuals.plan_import(
      project_,
      {{"date", "package", "amount"}, {"2026-03-01", "a", "10,5"}, {"2026-03-02", "A", "1"}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "create");
  EXPECT_EQ(rows[0].actual.amount, 1050);
  actuals.apply_import(nullptr, project_, rows);
  auto all = actuals.of_project(project_);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].amount, 100);
  EXPECT_EQ(all[0].hours, 250);
  // A package with actuals stays.
  EXPECT_THROW(WorkPackageStore(sql(), tenant_).remove(nullptr, wp.id), core::Conflict);
}

STORAGE_TEST_ENGINES(WorkPackageStoreTest);

}  // namespace
}  // namespace testing_db
