#include "projects/coverage.hpp"

#include <gtest/gtest.h>

namespace projects {
namespace {

org::Unit unit(const std::string& id, std::optional<std::string> parent,
               std::optional<std::string> manager) {
  org::Unit u;
  u.id = id;
  u.parent_id = std::move(parent);
  u.manager_id = std::move(manager);
  return u;
}

org::Person person(const std::string& id, std::optional<std::string> unit_id) {
  org::Person p;
  p.id = id;
  p.unit_id = std::move(unit_id);
  return p;
}

// adm (director) → job (job-boss) → job-team (no manager); soc (no manager, no parent)
const std::vector<org::Unit> kUnits = {
    unit("adm", std::nullopt, "director"), unit("job", "adm", "job-boss"),
    unit("job-team", "job", std::nullopt), unit("soc", std::nullopt, std::nullopt),
    unit("other", std::nullopt, "other-boss")};

TEST(CoverageTest, EveryInvolvedUnitsManagerMustSitInTheSteeringGroup) {
  auto w = coverage_warnings(kUnits, {}, {"job", "soc"}, {{"director", "steering_chair"}});
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].code, "manager_not_in_steering_group");
  EXPECT_EQ(w[0].subject_id, "job");
  EXPECT_EQ(w[1].code, "unit_without_manager");
  EXPECT_EQ(w[1].subject_id, "soc");
  // A team without its own manager is covered by the nearest manager above it.
  EXPECT_TRUE(
      coverage_warnings(kUnits, {}, {"job-team"}, {{"job-boss", "steering_member"}}).empty());
  // Other roles do not count as steering group.
  EXPECT_EQ(coverage_warnings(kUnits, {}, {"job"}, {{"job-boss", "project_leader"}}).size(), 1u);
}

TEST(CoverageTest, TheFacilitatorShouldComeFromOutside) {
  std::vector<RoleHolder> roles = {{"job-boss", "steering_chair"}, {"fac", "process_facilitator"}};
  auto inside = coverage_warnings(kUnits, {person("fac", "job-team")}, {"job"}, roles);
  ASSERT_EQ(inside.size(), 1u);
  EXPECT_EQ(inside[0].code, "facilitator_from_involved_unit");
  EXPECT_EQ(inside[0].subject_id, "fac");
  EXPECT_TRUE(coverage_warnings(kUnits, {person("fac", "other")}, {"job"}, roles).empty());
  EXPECT_TRUE(coverage_warnings(kUnits, {person("fac", std::nullopt)}, {"job"}, roles).empty());
}

}  // namespace
}  // namespace projects
