#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "org/org.hpp"

namespace projects {

// Seed 003: the head of service is the benefit responsible (gevinstansvarlig) and the team
// leader the benefit leader (gevinstleder); a project may name others to those two roles.
inline const std::vector<std::string> kRoles = {"owner",
                                                "steering_chair",
                                                "steering_member",
                                                "project_leader",
                                                "project_group",
                                                "head_of_service",
                                                "benefit_responsible",
                                                "team_leader",
                                                "benefit_leader",
                                                "change_agent",
                                                "super_user",
                                                "reference_group",
                                                "process_facilitator",
                                                "viewer"};

struct RoleHolder {
  std::string person_id;
  std::string role;
};

struct CoverageWarning {
  std::string code;        // unit_without_manager | manager_not_in_steering_group |
                           // facilitator_from_involved_unit
  std::string subject_id;  // the unit or person concerned
  std::string message;     // English; translated by the UI
};

// Seed 000: every involved unit's deciding manager sits in the steering group, and
// the process facilitator comes from outside the involved units.
std::vector<CoverageWarning> coverage_warnings(const std::vector<org::Unit>& units,
                                               const std::vector<org::Person>& people,
                                               const std::vector<std::string>& involved_unit_ids,
                                               const std::vector<RoleHolder>& roles);

nlohmann::json to_json(const CoverageWarning& w);

}  // namespace projects
