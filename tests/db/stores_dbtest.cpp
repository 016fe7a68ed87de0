// The feature stores on db::query, on both engines: NULLs, booleans kept as integers,
// counts and rows written from one set of values come back as they went in.
#include <algorithm>

#include <gtest/gtest.h>

#include "audit/audit_store.hpp"
#include "core/errors.hpp"
#include "db/test_databases.hpp"
#include "kaizen/kaizen_store.hpp"
#include "maps/map_store.hpp"
#include "meetings/meeting_store.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"
#include "wins/win_store.hpp"

namespace testing_db {
namespace {

class StoresTest : public TenantStorageTest {};

TEST_P(StoresTest, APersonsActiveFlagIsKeptAsAnInteger) {
  org::PersonStore people(sql(), tenant_);
  org::PersonFields inactive;
  inactive.name = "Anna Holm";
  inactive.active = false;
  auto p = people.create(nullptr, inactive);
  EXPECT_FALSE(people.get(p.id).active);
  EXPECT_FALSE(people.get(p.id).email.has_value());
  org::PersonFields active;
  active.active = true;
  auto after = people.update(nullptr, p.id, p.version, active);
  EXPECT_TRUE(after.active);
  EXPECT_EQ(after.version, 2);
}

TEST_P(StoresTest, AttendanceKeepsItsNullsAndSubstitutes) {
  auto project = new_project("Hurtigere sagsbehandling");
  auto anna = new_person("Anna");
  auto bo = new_person("Bo");
  auto carl = new_person("Carl");
  meetings::MeetingStore store(sql(), tenant_);
  meetings::Meeting m;
  m.kind = "project_group";
  m.title = "Opstart";
  m.starts_at = "2026-12-07T09:00";
  m.agenda = {"Velkomst", "Plan"};
  auto created = store.create(nullptr, project, m);
  auto stored = store.get(created.id);
  EXPECT_EQ(stored.agenda, m.agenda);
  EXPECT_FALSE(stored.location.has_value());
  EXPECT_FALSE(stored.attendance_recorded);
  auto list = store.set_attendance(nullptr, created.id,
                                   {{anna, "present", std::nullopt, std::nullopt},
                                    {bo, "substitute", std::nullopt, "Vikar Vera"},
                                    {carl, std::nullopt, std::nullopt, std::nullopt}});
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].person_name, "Anna");
  EXPECT_EQ(list[0].entry.status, "present");
  EXPECT_EQ(list[1].entry.substitute_name, "Vikar Vera");
  EXPECT_FALSE(list[1].entry.substitute_person_id.has_value());
  EXPECT_FALSE(list[2].entry.status.has_value());
  EXPECT_TRUE(store.get(created.id).attendance_recorded);
}

TEST_P(StoresTest, AnAutomaticWinIsRecordedOncePerSource) {
  auto project = new_project("Hurtigere sagsbehandling");
  core::Message message{"win_auto_card_done", {{"card", "Kortere kø"}}};
  auto first = wins::record_automatic_win(sql(), tenant_, nullptr, project, "card_done", message,
                                          "2026-12-06", std::nullopt, "card:1");
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(wins::record_automatic_win(sql(), tenant_, nullptr, project, "card_done", message,
                                          "2026-12-06", std::nullopt, "card:1"));
  auto all = wins::WinStore(sql(), tenant_).of_project(project);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].source_key, "card:1");
  EXPECT_FALSE(all[0].link.has_value());
  ASSERT_TRUE(all[0].message.has_value());
  EXPECT_EQ(all[0].message->key, "win_auto_card_done");
}

TEST_P(StoresTest, TheAuditLogNamesUnitsAndPeople) {
  org::UnitFields unit;
  unit.name = "Jobcenter";
  unit.kind = "unit";
  auto u = org::UnitStore(sql(), tenant_).create(nullptr, unit);
  auto person = new_person("Dorte");
  EXPECT_EQ(audit::display_name(sql(), tenant_, u.id), "Jobcenter");
  EXPECT_EQ(audit::display_name(sql(), tenant_, person), "Dorte");
  EXPECT_FALSE(audit::display_name(sql(), tenant_, "no-such-id").has_value());
  EXPECT_FALSE(audit::display_name(sql(), new_tenant(), u.id).has_value());
}

TEST_P(StoresTest, TheKaizenBoardCountsItsWrites) {
  auto project = new_project("Hurtigere sagsbehandling");
  kaizen::KaizenStore board(sql(), tenant_);
  EXPECT_EQ(board.board_version(project), 0);
  kaizen::Card card;
  card.text = "Skemaet spørger to gange om adressen";
  auto a = board.create(nullptr, project, card);
  auto b = board.create(nullptr, project, card);
  EXPECT_EQ(board.board_version(project), 2);
  EXPECT_EQ(a.position, 0);
  EXPECT_EQ(b.position, 1);
  EXPECT_FALSE(b.responsible_id.has_value());
}

TEST_P(StoresTest, ACopiedMapCarriesItsIdeasOver) {
  auto project = new_project("Hurtigere sagsbehandling");
  maps::MapStore store(sql(), tenant_);
  maps::MapInfo as_is;
  as_is.kind = "as_is";
  as_is.title = "Sådan er det";
  auto source = store.create(nullptr, project, as_is);
  auto idea = store.add_idea(nullptr, source.id, {"good_idea", "Ét skema", std::nullopt});
  maps::MapInfo copy;
  copy.kind = "redesign";
  copy.title = "Sådan bliver det";
  copy.copy_of = source.id;
  auto made = store.create(nullptr, project, copy);
  EXPECT_EQ(made.based_on_map_id, source.id);
  auto carried = store.ideas(made.id);
  ASSERT_EQ(carried.size(), 1u);
  EXPECT_EQ(carried[0]["carried_from"], idea["id"]);
  EXPECT_NE(carried[0]["id"], idea["id"]);
  EXPECT_TRUE(carried[0]["element_id"].is_null());
  EXPECT_TRUE(carried[0]["created_by_name"].is_null());
  EXPECT_EQ(store.versions(made.id).size(), 1u);
}

TEST_P(StoresTest, AProjectIsReadWithItsUnitsAndTheCallersRolesInOneStatement) {
  auto north = new_unit("Nord");
  auto south = new_unit("Syd");
  auto anna = new_person("Anna Holm");
  auto bo = new_person("Bo Lund");
  projects::ProjectStore projects(sql(), tenant_);
  projects::CharterFields charter;
  charter.title = "Hurtigere sagsbehandling";
  charter.unit_ids = std::vector<std::string>{south, north};
  auto id = projects.create(nullptr, *projects::find_template("ffb"), charter).id;
  projects::RoleStore roles(sql(), tenant_);
  roles.add(nullptr, id, anna, "project_group");
  roles.add(nullptr, id, anna, "owner");
  roles.add(nullptr, id, bo, "steering_member");
  std::vector<std::string> units = {north, south};
  std::sort(units.begin(), units.end());

  auto as_anna = projects.get_with_roles(id, anna);
  EXPECT_EQ(as_anna.project.title, "Hurtigere sagsbehandling");
  EXPECT_EQ(as_anna.project.unit_ids, units);
  EXPECT_EQ(as_anna.roles, (std::vector<std::string>{"owner", "project_group"}));
  EXPECT_EQ(projects.get_with_roles(id, bo).roles, std::vector<std::string>{"steering_member"});
  EXPECT_EQ(projects.get_with_roles(id, bo).project.unit_ids, units);
  EXPECT_TRUE(projects.get_with_roles(id, "").roles.empty());
  EXPECT_EQ(projects.get(id).unit_ids, units);
  EXPECT_EQ(projects.get(id).version, as_anna.project.version);

  // Neither units nor roles: the project alone.
  auto bare = projects.get_with_roles(new_project("Tom"), anna);
  EXPECT_EQ(bare.project.title, "Tom");
  EXPECT_TRUE(bare.project.unit_ids.empty());
  EXPECT_TRUE(bare.roles.empty());

  // Another tenant's project is not found, whoever asks.
  auto other = new_tenant();
  EXPECT_THROW(projects::ProjectStore(sql(), other).get_with_roles(id, anna), core::NotFound);
  EXPECT_THROW(projects.get_with_roles("no-such-project", anna), core::NotFound);
}

STORAGE_TEST_ENGINES(StoresTest);

}  // namespace
}  // namespace testing_db
