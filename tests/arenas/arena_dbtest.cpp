// The arena store on both engines: a new arena gets every pulse item of the agile-arena
// template, open; its team is read with names and units; people of another tenant are
// refused naming the field with nothing stored; the status filter and paging; ticking keeps
// who and when; the log; a stale version is a conflict; growing into a project lands with
// its roles and the link, or not at all, and only once; who may start an arena.
#include <optional>

#include <gtest/gtest.h>

#include "arenas/arena_growth.hpp"
#include "arenas/arena_store.hpp"
#include "core/errors.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "kit/expect_fields.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"

namespace testing_db {
namespace {

using arenas::Arena;
using arenas::ArenaStore;
using testing_kit::field_errors;

class ArenaStoreTest : public TenantStorageTest {
 protected:
  void SetUp() override {
    TenantStorageTest::SetUp();
    if (!lease_) return;
    leader_ = new_person_in_unit("Helle Krogh", new_unit("Socialafdelingen"));
    nurse_ = new_person_in_unit("Ida Poulsen", new_unit("Sundhed"));
    admin_ = acting_as("admin", "", leader_);
  }
  ArenaStore store(const std::string& tenant = "") {
    return ArenaStore(sql(), tenant.empty() ? tenant_ : tenant);
  }
  Arena fields(const std::string& title = "Hjælpemidler") {
    Arena a;
    a.title = title;
    a.goal = "Hjælpemidlerne er der, når borgeren kommer hjem";
    a.leader_id = leader_;
    a.member_ids = {nurse_};
    a.starts_on = "2027-01-04";
    a.ends_on = "2027-03-01";
    return a;
  }

  std::string leader_, nurse_;
  core::AuthContext admin_;
};

TEST_P(ArenaStoreTest, ANewArenaHasItsTeamAndEveryPulseItemOpen) {
  auto a = store().create(&admin_, fields());
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(a.leader_name, "Helle Krogh");
  ASSERT_EQ(a.members.size(), 2u);
  EXPECT_TRUE(a.members[0].leader);
  EXPECT_EQ(a.members[1].unit_name, "Sundhed");
  EXPECT_EQ(arenas::units_covered(a.members).size(), 2u);
  EXPECT_EQ(a.created_by, leader_);
  std::size_t items = 0;
  for (const auto& p : projects::find_template(arenas::kPulseTemplate)->phases)
    items += p.items.size();
  ASSERT_EQ(a.items.size(), items);
  for (const auto& i : a.items) EXPECT_FALSE(i.done) << i.item_key;
  EXPECT_TRUE(a.detailed);
  // Without a start date the arena starts today.
  auto today = fields("I dag");
  today.starts_on.clear();
  today.ends_on = "2999-01-01";
  EXPECT_EQ(store().create(&admin_, today).starts_on, admin_.today());
}

TEST_P(ArenaStoreTest, PeopleOfAnotherTenantAreRefusedAndNothingStored) {
  auto other = new_tenant();
  auto stranger = new_person("Fremmed", other);
  auto a = fields();
  a.leader_id = stranger;
  a.member_ids = {nurse_, stranger};
  auto bad = field_errors([&] { store().create(&admin_, a); });
  EXPECT_TRUE(bad.contains("leader_id"));
  EXPECT_TRUE(bad.contains("member_ids"));
  EXPECT_TRUE(store().list(http::Page{}).empty());
  EXPECT_EQ(db::scalar(sql(), "SELECT COUNT(*) FROM arena_items WHERE tenant_id = :tenant_id",
                       {{"tenant_id", tenant_}}),
            0);
}

TEST_P(ArenaStoreTest, AnotherTenantFindsNothing) {
  auto a = store().create(&admin_, fields());
  auto other = new_tenant();
  EXPECT_THROW(store(other).get(a.id), core::NotFound);
  EXPECT_THROW(store(other).tick(nullptr, a.id, "communication-01", true), core::NotFound);
  EXPECT_TRUE(store(other).list(http::Page{}).empty());
}

TEST_P(ArenaStoreTest, TheListFiltersByStatusAndPages) {
  auto first = store().create(&admin_, fields("Første"));
  auto second = fields("Anden");
  second.status = "running";
  store().create(&admin_, second);
  EXPECT_EQ(store().list(http::Page{}).size(), 2u);
  auto running = store().list(http::Page{}, "running");
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(running[0].title, "Anden");
  EXPECT_FALSE(running[0].detailed);
  EXPECT_EQ(running[0].leader_name, "Helle Krogh");
  EXPECT_TRUE(store().list(http::Page{}, "done").empty());
  http::Page one{.limit = 1};
  auto page = store().list(one);
  ASSERT_EQ(page.size(), 2u);  // limit + 1: there is a next page
  EXPECT_EQ(page[0].id, first.id);
  one.after = first.id;
  EXPECT_EQ(store().list(one).size(), 1u);
}

TEST_P(ArenaStoreTest, TickingKeepsWhoAndWhen) {
  auto a = store().create(&admin_, fields());
  auto ticked = store().tick(&admin_, a.id, "recruitment-01", true);
  const arenas::PulseItem* item = nullptr;
  for (const auto& i : ticked.items)
    if (i.item_key == "recruitment-01") item = &i;
  ASSERT_NE(item, nullptr);
  EXPECT_TRUE(item->done);
  EXPECT_EQ(item->done_by, leader_);
  EXPECT_EQ(item->done_by_name, "Helle Krogh");
  EXPECT_TRUE(item->done_at.has_value());
  EXPECT_EQ(ticked.version, 1);  // the arena's fields are untouched
  auto open = store().tick(&admin_, a.id, "recruitment-01", false);
  for (const auto& i : open.items)
    if (i.item_key == "recruitment-01") {
      EXPECT_FALSE(i.done);
      EXPECT_FALSE(i.done_by.has_value());
    }
  EXPECT_THROW(store().tick(&admin_, a.id, "no-such-item", true), core::NotFound);
}

TEST_P(ArenaStoreTest, TheLogKeepsWhatWasTriedInOrder) {
  auto a = store().create(&admin_, fields());
  arenas::LogEntry later{"", "Bestilling ved samtalen", "3 af 4 i tide", "2027-02-10"};
  arenas::LogEntry earlier{"", "Tjekliste til udskrivelsen", std::nullopt, "2027-01-20"};
  store().add_log(&admin_, a.id, later);
  auto logged = store().add_log(&admin_, a.id, earlier);
  ASSERT_EQ(logged.log.size(), 2u);
  EXPECT_EQ(logged.log[0].tried, "Tjekliste til udskrivelsen");
  EXPECT_EQ(logged.log[1].result, "3 af 4 i tide");
  EXPECT_EQ(logged.log[1].logged_by_name, "Helle Krogh");
}

TEST_P(ArenaStoreTest, AStaleVersionIsAConflict) {
  auto a = store().create(&admin_, fields());
  auto changed = a;
  changed.status = "running";
  changed.outcome = "Bestilling ved samtalen virker";
  auto stored = store().update(&admin_, changed, 1);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.outcome, "Bestilling ved samtalen virker");
  changed.status = "stopped";
  EXPECT_THROW(store().update(&admin_, changed, 1), core::Conflict);
  EXPECT_EQ(store().get(a.id).status, "running");
}

TEST_P(ArenaStoreTest, GrowingMakesOneProjectWithTheTeamAsItsRoles) {
  auto a = store().create(&admin_, fields());
  core::Input input(nlohmann::json{{"template", "kl-workflow"}});
  auto project = arenas::grow_into_project(sql(), admin_, a, input);
  EXPECT_EQ(project.title, "Hjælpemidler");
  EXPECT_EQ(project.template_key, "kl-workflow");
  EXPECT_EQ(project.unit_ids.size(), 2u);
  EXPECT_EQ(store().get(a.id).project_id, project.id);
  auto holders = projects::RoleStore(sql(), tenant_).holders(project.id);
  int roles = 0;
  for (const auto& h : holders)
    if ((h.person_id == leader_ && h.role == "project_leader") ||
        (h.person_id == nurse_ && h.role == "project_group"))
      ++roles;
  EXPECT_EQ(roles, 2);
  core::Input again(nlohmann::json{{"template", "ffb"}});
  EXPECT_THROW(arenas::grow_into_project(sql(), admin_, store().get(a.id), again), core::Conflict);
  // Two growths of the same read arena: the second is refused and leaves no project behind.
  auto b = store().create(&admin_, fields("Anden"));
  core::Input first(nlohmann::json{{"template", "ffb"}});
  arenas::grow_into_project(sql(), admin_, b, first);
  const auto before =
      db::scalar(sql(), "SELECT COUNT(*) FROM projects WHERE tenant_id = :tenant_id",
                 {{"tenant_id", tenant_}});
  core::Input second(nlohmann::json{{"template", "ffb"}});
  EXPECT_THROW(arenas::grow_into_project(sql(), admin_, b, second), core::Conflict);
  EXPECT_EQ(db::scalar(sql(), "SELECT COUNT(*) FROM projects WHERE tenant_id = :tenant_id",
                       {{"tenant_id", tenant_}}),
            before);
}

TEST_P(ArenaStoreTest, ManagersAndAdministratorsStartArenas) {
  auto member = acting_as("member", "", nurse_);
  EXPECT_FALSE(arenas::may_create(sql(), member));
  EXPECT_THROW(store().create(&member, fields()), core::Forbidden);
  auto unit = new_unit("Hjemmeplejen");
  org::UnitFields manage;
  manage.manager_id = std::optional<std::string>(nurse_);
  org::UnitStore(sql(), tenant_).update(nullptr, unit, 1, manage);
  EXPECT_TRUE(arenas::may_create(sql(), member));
  EXPECT_EQ(store().create(&member, fields()).created_by, nurse_);
  EXPECT_TRUE(arenas::may_create(sql(), admin_));
}

TEST_P(ArenaStoreTest, RemovingTakesItsItemsAndLogAlong) {
  auto a = store().create(&admin_, fields());
  store().add_log(&admin_, a.id, {"", "Forsøg", std::nullopt, ""});
  store().remove(&admin_, a.id);
  EXPECT_THROW(store().get(a.id), core::NotFound);
  EXPECT_EQ(db::scalar(sql(), "SELECT COUNT(*) FROM arena_items WHERE tenant_id = :tenant_id",
                       {{"tenant_id", tenant_}}),
            0);
}

STORAGE_TEST_ENGINES(ArenaStoreTest);

}  // namespace
}  // namespace testing_db
