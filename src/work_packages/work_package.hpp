#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kit/fields.hpp"

namespace work_packages {

inline const std::vector<std::string> kStatuses = {"planned", "in_progress", "done", "cancelled"};
inline constexpr std::size_t kTextMax = 4000;
inline constexpr std::size_t kIdMax = 64;
inline constexpr std::size_t kMaxListed = 100;  // participants or dependencies of a package

// One work package of a project (seed 004's arbejdspakke): what it delivers, from when to
// when, who leads and who takes part, which packages it waits for.
struct WorkPackage {
  std::string id;
  std::string project_id;
  std::string title;
  std::optional<std::string> goal;
  std::optional<std::string> deliverable;
  std::string start;  // YYYY-MM-DD
  std::string end;    // YYYY-MM-DD, not before start
  std::optional<std::string> responsible_id;
  std::vector<std::string> participant_people;  // people of the tenant
  std::vector<std::string> participant_units;   // units of the tenant
  std::vector<std::string> depends_on;          // packages of the same project
  std::string status = "planned";
  long long budget_version = 0;  // the budget's own optimistic lock
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> responsible_name;  // joined by the store
  std::string today;                            // the reader's today: judges `late`
};

// Late: not done or cancelled and its end is before `today` ("" is never late).
bool is_late(const WorkPackage& wp, const std::string& today);

// The fields, named once: title (required), goal, deliverable, start and end (required
// dates, end not before start), responsible_id, participant_people, participant_units,
// depends_on (lists of ids), status (default planned).
const kit::Fields<WorkPackage>& work_package_fields();

inline nlohmann::json to_json(const WorkPackage& wp) { return work_package_fields().to_json(wp); }

// Whether the dependencies (package → the packages it depends on) hold a cycle.
bool has_cycle(const std::map<std::string, std::vector<std::string>>& depends_on);

}  // namespace work_packages
