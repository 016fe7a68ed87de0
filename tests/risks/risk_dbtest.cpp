// The risk store on both engines: the optional after pair and the mitigations come back as
// they went in, a mitigation becomes an action-plan row with the link on the risk, the score
// history is read from the audit log and the bands are the tenant's.
#include <gtest/gtest.h>

#include "actions/action_store.hpp"
#include "core/errors.hpp"
#include "db/test_databases.hpp"
#include "risks/risk_store.hpp"

namespace testing_db {
namespace {

class RiskStoreTest : public TenantStorageTest {
 protected:
};

TEST_P(RiskStoreTest, ARiskKeepsItsScoresMitigationsAndHistory) {
  auto project = new_project("Risikoprojekt");
  auto owner = new_person("Rikke");
  risks::RiskStore store(sql(), tenant_);
  risks::Risk in;
  in.title = "Leverandør forsinket";
  in.owner_id = owner;
  in.probability = 4;
  in.consequence = 5;
  in.mitigations = {"Statusmøde", "Plan B"};
  auto r = store.create(nullptr, project, in);
  EXPECT_EQ(r.owner_name, "Rikke");
  EXPECT_FALSE(r.probability_after.has_value());
  EXPECT_EQ(r.mitigations.size(), 2u);
  EXPECT_EQ(r.bands.low_max, 4);
  EXPECT_EQ(r.bands.high_min, 15);
  EXPECT_TRUE(r.linked_actions.is_array());

  auto changed = r;
  changed.probability = 2;
  changed.probability_after = 1;
  changed.consequence_after = 2;
  auto after = store.update(nullptr, changed, r.version);
  EXPECT_EQ(after.probability_after, 1);
  EXPECT_EQ(after.version, 2);

  auto link = store.raise_action(nullptr, after, 1);
  EXPECT_EQ(link["text"], "Plan B");
  auto action = actions::ActionStore(sql(), tenant_).get(link["action_id"]);
  EXPECT_EQ(action.task, "Plan B");
  EXPECT_EQ(action.responsible_id, owner);
  auto linked = store.get(r.id);
  ASSERT_EQ(linked.linked_actions.size(), 1u);
  EXPECT_EQ(linked.linked_actions[0]["action_id"], action.id);
  EXPECT_THROW(store.raise_action(nullptr, linked, 1), core::Conflict);

  auto history = store.score_history(r.id);
  ASSERT_EQ(history.size(), 2u);  // created, then the scores changed (not the link)
  EXPECT_EQ(history[1].changes["probability"]["before"], 4);
  EXPECT_EQ(history[1].changes["probability"]["after"], 2);
  EXPECT_TRUE(history[1].changes.contains("consequence_after"));

  EXPECT_EQ(store.of_project(project).size(), 1u);
  EXPECT_EQ(store.of_tenant().size(), 1u);
  EXPECT_EQ(risks::RiskStore(sql(), new_tenant()).of_tenant().size(), 0u);
  store.remove(nullptr, r.id);
  EXPECT_THROW(store.get(r.id), core::NotFound);
}

TEST_P(RiskStoreTest, AnOwnerOfAnotherTenantIsRefused) {
  auto other = new_tenant();
  auto project = new_project("Risikoprojekt");
  auto stranger = new_person("Fremmed", other);
  risks::Risk in;
  in.title = "T";
  in.probability = in.consequence = 2;
  in.owner_id = stranger;
  risks::RiskStore store(sql(), tenant_);
  EXPECT_THROW(store.create(nullptr, project, in), core::ValidationError);
  EXPECT_EQ(store.of_project(project).size(), 0u);
}

STORAGE_TEST_ENGINES(RiskStoreTest);

}  // namespace
}  // namespace testing_db
