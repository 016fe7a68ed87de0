#include "projects/coverage.hpp"

#include <map>
#include <set>

namespace projects {

std::vector<CoverageWarning> coverage_warnings(const std::vector<org::Unit>& units,
                                               const std::vector<org::Person>& people,
                                               const std::vector<std::string>& involved,
                                               const std::vector<RoleHolder>& roles) {
  std::set<std::string> steering;
  std::vector<std::string> facilitators;
  for (const auto& r : roles) {
    if (r.role == "steering_chair" || r.role == "steering_member") steering.insert(r.person_id);
    if (r.role == "process_facilitator") facilitators.push_back(r.person_id);
  }
  std::map<std::string, const org::Unit*> by_id;
  for (const auto& u : units) by_id[u.id] = &u;
  std::set<std::string> involved_set(involved.begin(), involved.end());

  std::vector<CoverageWarning> out;
  for (const auto& unit_id : involved) {
    auto manager = org::nearest_manager_of_unit(units, unit_id);
    if (!manager) {
      out.push_back({"unit_without_manager", unit_id,
                     "an involved unit has no manager in the organisation tree"});
    } else if (steering.count(*manager) == 0) {
      out.push_back({"manager_not_in_steering_group", unit_id,
                     "an involved unit's manager is not in the steering group"});
    }
  }
  std::map<std::string, std::optional<std::string>> unit_of;
  for (const auto& p : people) unit_of[p.id] = p.unit_id;
  for (const auto& person_id : facilitators) {
    // The facilitator's unit or any unit above it being involved counts as "from inside".
    std::optional<std::string> current = unit_of[person_id];
    std::set<std::string> seen;
    while (current && seen.insert(*current).second) {
      if (involved_set.count(*current) != 0) {
        out.push_back({"facilitator_from_involved_unit", person_id,
                       "the process facilitator belongs to one of the involved units"});
        break;
      }
      auto it = by_id.find(*current);
      current = it == by_id.end() ? std::nullopt : it->second->parent_id;
    }
  }
  return out;
}

nlohmann::json to_json(const CoverageWarning& w) {
  return {{"code", w.code}, {"subject_id", w.subject_id}, {"message", w.message}};
}

}  // namespace projects
