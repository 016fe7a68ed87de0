// The stakeholder store on both engines: who is kept as exactly one of person, unit and name
// with their names joined; another tenant's person or unit is refused naming the field and
// stores nothing; several suggested groups land together or not at all; versions, removal,
// and a person named as a stakeholder cannot be deleted from the organisation.
#include <optional>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/test_databases.hpp"
#include "kit/expect_fields.hpp"
#include "org/person_store.hpp"
#include "stakeholders/stakeholder_store.hpp"

namespace testing_db {
namespace {

using stakeholders::Stakeholder;
using stakeholders::StakeholderStore;
using testing_kit::field_errors;

// Each test has a tenant of its own with one project, and a session leased for the test.
class StakeholderStoreTest : public ProjectStorageTest {
 protected:
  StakeholderStore store() { return StakeholderStore(sql(), tenant_); }
  static Stakeholder named(const std::string& name, long long influence = 3,
                           long long interest = 3) {
    Stakeholder s;
    s.name = name;
    s.influence = influence;
    s.interest = interest;
    return s;
  }
};

TEST_P(StakeholderStoreTest, WhoIsKeptWithTheNamesJoined) {
  auto lene = new_person("Lene Holm");
  auto camilla = new_person("Camilla Skov");
  auto unit = new_unit("Hjemmeplejen");
  auto store = this->store();
  Stakeholder person;
  person.person_id = lene;
  person.influence = 5;
  person.interest = 4;
  person.involved_by_id = camilla;
  person.next_contact = "2027-01-15";
  person.involvement = "Beslutter i styregruppen";
  auto p = store.create(nullptr, project_, person);
  EXPECT_EQ(p.person_name, "Lene Holm");
  EXPECT_EQ(p.involved_by_name, "Camilla Skov");
  EXPECT_FALSE(p.name.has_value());
  EXPECT_FALSE(p.notes.has_value());
  EXPECT_EQ(p.version, 1);
  Stakeholder by_unit;
  by_unit.unit_id = unit;
  by_unit.group = "other";
  by_unit.influence = 2;
  auto u = store.create(nullptr, project_, by_unit);
  EXPECT_EQ(u.unit_name, "Hjemmeplejen");
  auto n = store.create(nullptr, project_, named("Frivilligcentret", 1, 3));
  EXPECT_EQ(store.get(n.id).name, "Frivilligcentret");
  // The grid's order: the most influential first.
  auto all = store.of_project(project_);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, p.id);
  EXPECT_EQ(all[2].id, n.id);
  EXPECT_EQ(all[0].next_contact, "2027-01-15");
  // The API's list pages by id, in the order they were added.
  auto first = store.list(project_, {.limit = 2});
  ASSERT_EQ(first.size(), 3u);  // limit + 1: there is a next page
  EXPECT_EQ(first[0].id, p.id);
  auto rest = store.list(project_, {.after = first[1].id, .limit = 2});
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, n.id);
}

TEST_P(StakeholderStoreTest, AnotherTenantsPersonOrUnitIsRefusedAndNothingStored) {
  auto other = new_tenant();
  auto stranger = new_person("Fremmed", other);
  auto their_unit = new_unit("Fremmed enhed", other);
  auto store = this->store();
  Stakeholder s;
  s.person_id = stranger;
  EXPECT_TRUE(field_errors([&] { store.create(nullptr, project_, s); }).contains("person_id"));
  s.person_id.reset();
  s.unit_id = their_unit;
  EXPECT_TRUE(field_errors([&] { store.create(nullptr, project_, s); }).contains("unit_id"));
  auto by = named("Jura");
  by.involved_by_id = stranger;
  EXPECT_TRUE(
      field_errors([&] { store.create(nullptr, project_, by); }).contains("involved_by_id"));
  EXPECT_TRUE(store.of_project(project_).empty());
  // Another tenant's project is not found; the store of the other tenant sees nothing.
  EXPECT_THROW(StakeholderStore(sql(), other).create(nullptr, project_, named("X")),
               core::NotFound);
  auto mine = store.create(nullptr, project_, named("Jura"));
  EXPECT_THROW(StakeholderStore(sql(), other).get(mine.id), core::NotFound);
}

TEST_P(StakeholderStoreTest, SuggestedGroupsLandTogetherOrNotAtAll) {
  auto other = new_tenant();
  auto store = this->store();
  auto bad = named("Jura");
  bad.person_id = new_person("Fremmed", other);
  bad.name.reset();
  EXPECT_TRUE(field_errors([&] {
                store.create_all(nullptr, project_, {named("Økonomi og data"), bad});
              }).contains("person_id"));
  EXPECT_TRUE(store.of_project(project_).empty());
  auto made = store.create_all(nullptr, project_, {named("Økonomi og data"), named("Jura")});
  EXPECT_EQ(made.size(), 2u);
  EXPECT_EQ(store.of_project(project_).size(), 2u);
}

TEST_P(StakeholderStoreTest, ChangesAreVersionedAndRemovalsFinal) {
  auto store = this->store();
  auto s = store.create(nullptr, project_, named("Frivilligcentret", 1, 3));
  auto moved = s;
  moved.influence = 5;
  moved.interest = 5;
  auto after = store.update(nullptr, moved, 1);
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(stakeholders::quadrant(after.influence, after.interest), "manage_closely");
  EXPECT_THROW(store.update(nullptr, moved, 1), core::Conflict);
  EXPECT_EQ(store.get(s.id).version, 2);
  store.remove(nullptr, s.id);
  EXPECT_THROW(store.get(s.id), core::NotFound);
}

TEST_P(StakeholderStoreTest, APersonNamedAsAStakeholderStaysInTheOrganisation) {
  auto lene = new_person("Lene Holm");
  Stakeholder s;
  s.person_id = lene;
  store().create(nullptr, project_, s);
  EXPECT_THROW(org::PersonStore(sql(), tenant_).remove(nullptr, lene, std::nullopt),
               core::Conflict);
  EXPECT_EQ(org::PersonStore(sql(), tenant_).get(lene).name, "Lene Holm");
}

STORAGE_TEST_ENGINES(StakeholderStoreTest);

}  // namespace
}  // namespace testing_db
