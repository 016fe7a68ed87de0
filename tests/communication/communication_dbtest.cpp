// The communication and training stores on both engines: the plan by date with the names
// joined and only what the audience names kept; a unit, owner or person of another tenant
// refused naming the field with nothing stored; who was trained by name and per unit,
// replaced only when a change names it; a class held as a meeting counts those present;
// versions and removals.
#include <optional>

#include <gtest/gtest.h>

#include "communication/communication_store.hpp"
#include "core/errors.hpp"
#include "db/test_databases.hpp"
#include "kit/expect_fields.hpp"
#include "meetings/meeting_store.hpp"
#include "org/person_store.hpp"

namespace testing_db {
namespace {

using communication::Communication;
using communication::CommunicationStore;
using communication::TrainingClass;
using communication::TrainingStore;
using testing_kit::field_errors;

class CommunicationStoreTest : public ProjectStorageTest {
 protected:
  static Communication row(const std::string& message, const std::string& date) {
    Communication c;
    c.message = message;
    c.date = date;
    return c;
  }
  static TrainingClass training(const std::string& title, long long capacity) {
    TrainingClass c;
    c.title = title;
    c.audience = "end_users";
    c.starts_on = "2026-05-01";
    c.capacity = capacity;
    return c;
  }
};

TEST_P(CommunicationStoreTest, ThePlanByDateWithNamesJoined) {
  auto camilla = new_person("Camilla Skov");
  auto unit = new_unit("Hjemmeplejen");
  CommunicationStore store(sql(), tenant_);
  auto later = row("Hjemmeplejen kobles på", "2026-06-01");
  later.audience = "unit";
  later.unit_id = unit;
  later.group = "hr_med";  // not a stakeholder group's row: not kept
  later.owner_id = camilla;
  auto l = store.create(nullptr, project_, later);
  EXPECT_EQ(l.unit_name, "Hjemmeplejen");
  EXPECT_EQ(l.owner_name, "Camilla Skov");
  EXPECT_FALSE(l.group.has_value());
  auto first = row("Derfor", "2026-04-01");
  first.audience = "stakeholder_group";
  first.group = "hr_med";
  first.unit_id = unit;  // not kept either
  first.done = true;
  first.reach = 120;
  auto f = store.create(nullptr, project_, first);
  EXPECT_EQ(f.group, "hr_med");
  EXPECT_FALSE(f.unit_id.has_value());
  EXPECT_EQ(f.reach, 120);
  auto plan = store.of_project(project_);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].id, f.id);
  EXPECT_EQ(plan[1].id, l.id);
  EXPECT_EQ(store.get(f.id).date, "2026-04-01");
}

TEST_P(CommunicationStoreTest, AnotherTenantsUnitOrOwnerIsRefusedAndNothingStored) {
  auto other = new_tenant();
  CommunicationStore store(sql(), tenant_);
  auto c = row("Budskab", "2026-04-01");
  c.owner_id = new_person("Fremmed", other);
  EXPECT_TRUE(field_errors([&] { store.create(nullptr, project_, c); }).contains("owner_id"));
  c.owner_id.reset();
  c.audience = "unit";
  c.unit_id = new_unit("Fremmed enhed", other);
  EXPECT_TRUE(field_errors([&] { store.create(nullptr, project_, c); }).contains("unit_id"));
  EXPECT_TRUE(store.of_project(project_).empty());
  // Another tenant's store does not see the project.
  EXPECT_THROW(CommunicationStore(sql(), other).of_project(project_), core::NotFound);
}

TEST_P(CommunicationStoreTest, ChangesAreVersionedAndRemovalsFinal) {
  CommunicationStore store(sql(), tenant_);
  auto c = store.create(nullptr, project_, row("Budskab", "2026-04-01"));
  auto done = c;
  done.done = true;
  done.reach = 45;
  auto stored = store.update(nullptr, done, 1);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.reach, 45);
  EXPECT_THROW(store.update(nullptr, done, 1), core::Conflict);
  store.remove(nullptr, c.id);
  EXPECT_THROW(store.get(c.id), core::NotFound);
}

TEST_P(CommunicationStoreTest, WhoWasTrainedByNameAndPerUnit) {
  auto a = new_unit("Team A");
  auto b = new_unit("Team B");
  auto lene = new_person_in_unit("Lene Holm", a);
  auto ole = new_person("Ole Mortensen");
  TrainingStore store(sql(), tenant_);
  auto c = training("Superbrugere", 10);
  c.unit_id = a;
  c.people = {{lene}, {ole}};
  c.unit_counts = {{b, 4}};
  auto made = store.create(nullptr, project_, c);
  EXPECT_EQ(made.unit_name, "Team A");
  ASSERT_EQ(made.people.size(), 2u);
  EXPECT_EQ(made.people[0].name, "Lene Holm");
  EXPECT_EQ(made.people[0].unit_id, a);
  ASSERT_EQ(made.unit_counts.size(), 1u);
  EXPECT_EQ(made.unit_counts[0].unit_name, "Team B");
  EXPECT_EQ(communication::trained_count(made), 6);

  // A change that does not name who was trained keeps them; one that does replaces them.
  auto renamed = made;
  renamed.title = "Superbrugere, hold 1";
  EXPECT_EQ(store.update(nullptr, renamed, 1).people.size(), 2u);
  auto fewer = store.get(made.id);
  fewer.people = {{ole}};
  fewer.unit_counts.clear();
  fewer.people_given = true;
  auto stored = store.update(nullptr, fewer, 2);
  ASSERT_EQ(stored.people.size(), 1u);
  EXPECT_EQ(stored.people[0].name, "Ole Mortensen");
  EXPECT_TRUE(stored.unit_counts.empty());
  EXPECT_THROW(store.update(nullptr, fewer, 2), core::Conflict);

  // Removed with who was trained; the person stays in the organisation.
  store.remove(nullptr, made.id);
  EXPECT_THROW(store.get(made.id), core::NotFound);
  EXPECT_EQ(org::PersonStore(sql(), tenant_).get(ole).name, "Ole Mortensen");
}

TEST_P(CommunicationStoreTest, APersonUnitOrMeetingNotOfTheTenantOrProjectIsRefused) {
  auto other = new_tenant();
  TrainingStore store(sql(), tenant_);
  auto c = training("Slutbrugere", 20);
  c.people = {{new_person("Fremmed", other)}};
  EXPECT_TRUE(field_errors([&] { store.create(nullptr, project_, c); }).contains("people"));
  c.people.clear();
  c.unit_counts = {{new_unit("Fremmed enhed", other), 3}};
  EXPECT_TRUE(
      field_errors([&] { store.create(nullptr, project_, c); }).contains("unit_counts[0].unit_id"));
  c.unit_counts.clear();
  meetings::Meeting m;
  m.kind = "project_group";
  m.title = "Et andet projekts møde";
  m.starts_at = "2026-05-01T09:00";
  c.meeting_id = meetings::MeetingStore(sql(), tenant_).create(nullptr, new_project("Andet"), m).id;
  EXPECT_TRUE(field_errors([&] { store.create(nullptr, project_, c); }).contains("meeting_id"));
  EXPECT_TRUE(store.of_project(project_).empty());
}

TEST_P(CommunicationStoreTest, AClassHeldAsAMeetingCountsThoseThere) {
  auto lene = new_person("Lene Holm");
  auto ole = new_person("Ole Mortensen");
  auto ida = new_person("Ida Poulsen");
  auto sub = new_person("Karin Friis");
  meetings::MeetingStore meetings(sql(), tenant_);
  meetings::Meeting m;
  m.kind = "project_group";
  m.title = "Undervisning af forandringsagenter";
  m.starts_at = "2026-05-01T09:00";
  auto meeting = meetings.create(nullptr, project_, m);
  meetings.set_attendance(nullptr, meeting.id,
                          {{lene, "present"}, {ole, "absent"}, {ida, "substitute", sub}});
  TrainingStore store(sql(), tenant_);
  auto c = training("Forandringsagenter", 6);
  c.audience = "change_agents";
  c.meeting_id = meeting.id;
  c.people = {{lene}};  // recorded by hand as well: once
  auto made = store.create(nullptr, project_, c);
  EXPECT_EQ(made.meeting_title, "Undervisning af forandringsagenter");
  ASSERT_EQ(made.people.size(), 2u);
  EXPECT_EQ(made.people[0].name, "Lene Holm");
  EXPECT_FALSE(made.people[0].from_meeting);
  EXPECT_EQ(made.people[1].name, "Karin Friis");  // the substitute was there
  EXPECT_TRUE(made.people[1].from_meeting);
  EXPECT_EQ(communication::trained_count(made), 2);
}

STORAGE_TEST_ENGINES(CommunicationStoreTest);

}  // namespace
}  // namespace testing_db
