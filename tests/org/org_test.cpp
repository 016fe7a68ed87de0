#include "org/org.hpp"

#include <gtest/gtest.h>

namespace org {
namespace {

Unit unit(const std::string& id, std::optional<std::string> parent,
          std::optional<std::string> manager = std::nullopt) {
  Unit u;
  u.id = id;
  u.name = id;
  u.parent_id = std::move(parent);
  u.manager_id = std::move(manager);
  return u;
}

TEST(OrgTreeTest, DetectsCycles) {
  // root ← mid ← leaf
  std::map<std::string, std::optional<std::string>> parent_of = {
      {"root", std::nullopt}, {"mid", "root"}, {"leaf", "mid"}, {"other", std::nullopt}};
  EXPECT_TRUE(creates_cycle(parent_of, "root", std::string("leaf")));
  EXPECT_TRUE(creates_cycle(parent_of, "root", std::string("root")));
  EXPECT_TRUE(creates_cycle(parent_of, "mid", std::string("leaf")));
  EXPECT_FALSE(creates_cycle(parent_of, "leaf", std::string("root")));
  EXPECT_FALSE(creates_cycle(parent_of, "root", std::string("other")));
  EXPECT_FALSE(creates_cycle(parent_of, "mid", std::nullopt));
}

TEST(OrgTreeTest, AnExistingLoopDoesNotHang) {
  std::map<std::string, std::optional<std::string>> parent_of = {{"a", "b"}, {"b", "a"}};
  EXPECT_TRUE(creates_cycle(parent_of, "c", std::string("a")));
}

TEST(OrgTreeTest, NearestManagerOfUnitWalksUp) {
  std::vector<Unit> units = {unit("adm", std::nullopt, "director"), unit("dept", "adm"),
                             unit("team", "dept"), unit("team2", "dept", "lead")};
  EXPECT_EQ(nearest_manager_of_unit(units, "team"), "director");
  EXPECT_EQ(nearest_manager_of_unit(units, "team2"), "lead");
  EXPECT_EQ(nearest_manager_of_unit(units, "adm"), "director");
  EXPECT_EQ(nearest_manager_of_unit(units, "missing"), std::nullopt);
}

TEST(OrgTreeTest, AManagerIsNotTheirOwnNearestManager) {
  std::vector<Unit> units = {unit("adm", std::nullopt, "director"), unit("team", "adm", "lead")};
  Person lead;
  lead.id = "lead";
  lead.unit_id = "team";
  Person worker;
  worker.id = "worker";
  worker.unit_id = "team";
  Person director;
  director.id = "director";
  director.unit_id = "adm";
  Person floating;
  floating.id = "x";
  EXPECT_EQ(nearest_manager_of_person(units, worker), "lead");
  EXPECT_EQ(nearest_manager_of_person(units, lead), "director");
  EXPECT_EQ(nearest_manager_of_person(units, director), std::nullopt);
  EXPECT_EQ(nearest_manager_of_person(units, floating), std::nullopt);
}

TEST(OrgTreeTest, NoManagerAnywhereGivesNothing) {
  std::vector<Unit> units = {unit("a", std::nullopt), unit("b", "a")};
  EXPECT_EQ(nearest_manager_of_unit(units, "b"), std::nullopt);
}

TEST(OrgTreeTest, TreeOrderIsDepthFirstByName) {
  std::vector<Unit> units = {unit("z-root", std::nullopt), unit("a-root", std::nullopt),
                             unit("b-child", "a-root"), unit("a-child", "a-root"),
                             unit("grandchild", "b-child")};
  auto rows = tree_order(units);
  ASSERT_EQ(rows.size(), 5u);
  std::vector<std::string> order;
  for (const auto& r : rows) order.push_back(r.unit->id + ":" + std::to_string(r.depth));
  EXPECT_EQ(order, (std::vector<std::string>{"a-root:0", "a-child:1", "b-child:1", "grandchild:2",
                                             "z-root:0"}));
}

TEST(OrgJsonTest, CarriesIdVersionAndTimestamps) {
  Unit u = unit("id1", std::nullopt);
  u.version = 3;
  u.created_at = "c";
  u.updated_at = "u";
  auto j = to_json(u);
  EXPECT_EQ(j["id"], "id1");
  EXPECT_EQ(j["version"], 3);
  EXPECT_TRUE(j["parent_id"].is_null());
  EXPECT_EQ(j["created_at"], "c");
  EXPECT_EQ(j["updated_at"], "u");
}

}  // namespace
}  // namespace org
