#include "projects/project_access.hpp"

#include <gtest/gtest.h>

namespace projects {
namespace {

core::AuthContext member(const std::string& person_id) {
  core::AuthContext who;
  who.person_id = person_id;
  who.role = "member";
  return who;
}

TEST(ProjectAccessTest, GrantingNeverHandsOutADecideRightTheGranterMayNotGive) {
  auto who = member("p1");
  const std::vector<std::string> leader = {"project_leader"};
  for (const char* role : {"owner", "steering_chair", "steering_member"})
    EXPECT_FALSE(may_grant(who, leader, role)) << role;
  for (const char* role : {"project_group", "process_facilitator", "change_agent", "viewer"})
    EXPECT_TRUE(may_grant(who, leader, role)) << role;
  const std::vector<std::string> chair = {"steering_chair"};
  for (const char* role : {"owner", "steering_chair", "steering_member"})
    EXPECT_TRUE(may_grant(who, chair, role)) << role;
  EXPECT_FALSE(may_grant(who, chair, "project_group"));
  EXPECT_FALSE(may_grant(who, {"steering_member"}, "steering_member"));
  EXPECT_TRUE(may_grant(who, {"owner"}, "owner"));
  EXPECT_FALSE(may_grant(who, {}, "viewer"));
  auto admin = who;
  admin.role = "admin";
  EXPECT_TRUE(may_grant(admin, {}, "owner"));
}

TEST(ProjectAccessTest, NobodyGrantsToThemselves) {
  EXPECT_FALSE(may_grant_to(member("p1"), "p1"));
  EXPECT_TRUE(may_grant_to(member("p1"), "p2"));
}

}  // namespace
}  // namespace projects
