// Benefits on both engines: the lists and numbers come back as they went in, links to
// people and KPIs are checked, and a judgement is a decision stored with it or not at all.
#include <gtest/gtest.h>

#include "benefits/benefit_store.hpp"
#include "core/errors.hpp"
#include "db/test_databases.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"

namespace testing_db {
namespace {

using benefits::Benefit;
using benefits::BenefitStore;

class BenefitStoreTest : public TenantStorageTest {
 protected:
  std::string new_kpi(const std::string& project) {
    kpis::Kpi k;
    k.name = "Ventedage";
    return kpis::KpiStore(sql(), tenant_).create(nullptr, project, k).id;
  }
  static std::string field_of(const std::function<void()>& run) {
    try {
      run();
    } catch (const core::ValidationError& e) {
      return e.fields().begin()->first;
    }
    return "";
  }
};

TEST_P(BenefitStoreTest, ABenefitKeepsItsChainNumbersAndKpis) {
  auto project = new_project("Sammenhængende forløb");
  auto kpi = new_kpi(project);
  BenefitStore store(sql(), tenant_);
  Benefit b;
  b.title = "Kortere ventetid";
  b.category = "economy";
  b.baseline = 21.5;
  b.unit = "dage";
  b.target_date = "2027-03-31";
  b.deliverables = {"Fælles opstartsmøde"};
  b.changes = {"Én indgang", "Faste kontakter"};
  b.kpi_ids = {kpi};
  auto created = store.create(nullptr, project, b);
  auto stored = store.get(created.id);
  EXPECT_EQ(stored.category, "economy");
  EXPECT_DOUBLE_EQ(*stored.baseline, 21.5);
  EXPECT_FALSE(stored.target.has_value());
  EXPECT_FALSE(stored.owner_id.has_value());
  EXPECT_EQ(stored.changes, b.changes);
  EXPECT_EQ(stored.kpi_ids, b.kpi_ids);
  EXPECT_EQ(stored.realisation, "not_judged");
  Benefit undated;
  undated.title = "Bedre arbejdsmiljø";
  store.create(nullptr, project, undated);
  Benefit sooner = b;
  sooner.title = "Færre timer";
  sooner.target_date = "2026-12-31";
  store.create(nullptr, project, sooner);
  auto plan = store.of_project(project);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].title, "Færre timer");
  EXPECT_EQ(plan[2].title, "Bedre arbejdsmiljø");  // undated last

  stored.target = 10;
  stored.kpi_ids.clear();
  auto after = store.update(nullptr, stored, stored.version);
  EXPECT_EQ(after.version, 2);
  EXPECT_DOUBLE_EQ(*store.get(created.id).target, 10);
  EXPECT_TRUE(store.get(created.id).kpi_ids.empty());
  EXPECT_THROW(store.update(nullptr, stored, 1), core::Conflict);
  store.remove(nullptr, created.id);
  EXPECT_THROW(store.get(created.id), core::NotFound);
}

TEST_P(BenefitStoreTest, PeopleOfAnotherTenantAndKpisOfAnotherProjectAreRefused) {
  auto other_tenant = new_tenant();
  auto project = new_project("Sammenhængende forløb");
  auto other_project = new_project("Sammenhængende forløb");
  auto foreign_kpi = new_kpi(other_project);
  auto stranger = new_person("Fremmed", other_tenant);
  BenefitStore store(sql(), tenant_);
  Benefit b;
  b.title = "Kortere ventetid";
  b.kpi_ids = {foreign_kpi};
  EXPECT_EQ(field_of([&] { store.create(nullptr, project, b); }), "kpi_ids");
  b.kpi_ids.clear();
  b.leader_id = stranger;
  EXPECT_EQ(field_of([&] { store.create(nullptr, project, b); }), "leader_id");
  EXPECT_TRUE(store.of_project(project).empty());
}

TEST_P(BenefitStoreTest, NewBenefitsTakeTheirPeopleFromTheProjectsRoles) {
  auto project = new_project("Sammenhængende forløb");
  auto lene = new_person("Lene");
  auto maria = new_person("Maria");
  auto sara = new_person("Sara");
  auto bo = new_person("Bo");
  projects::RoleStore roles(sql(), tenant_);
  roles.add(nullptr, project, lene, "owner");
  roles.add(nullptr, project, bo, "head_of_service");
  roles.add(nullptr, project, maria, "benefit_responsible");  // the migrated CHECK takes it
  roles.add(nullptr, project, sara, "team_leader");
  auto b = BenefitStore(sql(), tenant_).with_role_defaults({}, project);
  EXPECT_EQ(b.owner_id, lene);
  EXPECT_EQ(b.responsible_id, maria);  // the benefit role before the head of service
  EXPECT_EQ(b.leader_id, sara);        // no benefit leader: the team leader
}

TEST_P(BenefitStoreTest, AJudgementIsADecisionInTheLogOrNothing) {
  auto project = new_project("Sammenhængende forløb");
  BenefitStore store(sql(), tenant_);
  Benefit b;
  b.title = "Kortere ventetid";
  auto created = store.create(nullptr, project, b);
  benefits::Judgement j{"partly", "Halvvejs", "2026-11-30", "Styregruppen"};
  EXPECT_THROW(store.judge(nullptr, created, j, 7), core::Conflict);
  projects::ProjectStore projects(sql(), tenant_);
  EXPECT_TRUE(projects.decisions(project, "", "da").empty());
  auto judged = store.judge(nullptr, created, j, created.version);
  EXPECT_EQ(judged.realisation, "partly");
  EXPECT_EQ(judged.judgement_reason, "Halvvejs");
  EXPECT_EQ(judged.judged_on, "2026-11-30");
  auto log = projects.decisions(project, "", "da");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["id"], *judged.decision_id);
  EXPECT_NE(log[0]["text"].get<std::string>().find("delvist realiseret"), std::string::npos);
  EXPECT_EQ(log[0]["links"][0], "/projects/" + project + "/benefits/" + created.id);
}

}  // namespace

STORAGE_TEST_ENGINES(BenefitStoreTest);

}  // namespace testing_db
