// The status reports' store on both engines: a report stored as it was assembled and read
// back the same, newest first, the one before it, each project's latest for the programme
// page, and another tenant's reports out of reach.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/test_databases.hpp"
#include "projects/method_template.hpp"
#include "projects/project_store.hpp"
#include "status_reports/status_report_store.hpp"

namespace testing_db {
namespace {

using status_reports::StatusReport;
using status_reports::StatusReportStore;

class StatusReportStoreTest : public StorageTest {
 protected:
  static StatusReport report(const std::string& day, const std::string& time_colour) {
    StatusReport typed;
    typed.title = "Status " + day;
    typed.issued_on = day;
    typed.decisions = {"Godkend fase 2"};
    typed.areas.push_back({.key = "time", .colour = time_colour, .reason = "æøå"});
    status_reports::Section kpis{.key = "kpis"};
    kpis.data = {{"items", {{{"id", "k1"}, {"name", "Ventetid"}, {"last", 12.5}}}}};
    return status_reports::assemble(typed, {kpis});
  }
};

TEST_P(StatusReportStoreTest, StoredFrozenInOrderAndScopedToTheTenant) {
  auto tenant = new_tenant();
  auto other = new_tenant();
  auto sql = database().lease();
  auto project = projects::ProjectStore(*sql, tenant)
                     .create(nullptr, *projects::find_template("kl-workflow"), {.title = "Plan"})
                     .id;
  StatusReportStore store(*sql, tenant);

  auto april = store.create(nullptr, project, report("2026-04-01", "yellow"));
  auto may = store.create(nullptr, project, report("2026-05-01", "red"));
  EXPECT_FALSE(april.id.empty());
  EXPECT_EQ(april.project_id, project);

  auto read = store.get(may.id);
  EXPECT_EQ(read.title, "Status 2026-05-01");
  EXPECT_EQ(read.level, "tactical");
  ASSERT_EQ(read.areas.size(), status_reports::kAreas.size());
  EXPECT_EQ(read.areas[0].colour, "red");
  EXPECT_EQ(read.areas[0].reason, "æøå");
  EXPECT_EQ(read.decisions, std::vector<std::string>{"Godkend fase 2"});
  ASSERT_EQ(read.sections.size(), 1u);
  EXPECT_EQ(read.sections[0]["data"]["items"][0]["last"], 12.5);

  auto all = store.of_project(project);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, may.id);           // newest first
  auto history = store.history(project);  // the list's rows, without the sections
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].id, may.id);
  EXPECT_EQ(history[0].areas[0].colour, "red");
  EXPECT_TRUE(history[0].sections.empty());
  auto before = store.previous(read);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->id, april.id);
  EXPECT_FALSE(store.previous(*before));

  auto latest = StatusReportStore::latest_of(*sql, {{tenant, project}, {other, project}});
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].report_id, may.id);
  EXPECT_EQ(latest[0].areas[0].colour, "red");

  StatusReportStore theirs(*sql, other);
  EXPECT_THROW(theirs.get(may.id), core::NotFound);
  EXPECT_THROW(theirs.of_project(project), core::NotFound);
  EXPECT_THROW(theirs.history(project), core::NotFound);
  EXPECT_THROW(theirs.create(nullptr, project, report("2026-06-01", "green")), core::NotFound);
  EXPECT_EQ(store.of_project(project).size(), 2u);
}

STORAGE_TEST_ENGINES(StatusReportStoreTest);

}  // namespace
}  // namespace testing_db
