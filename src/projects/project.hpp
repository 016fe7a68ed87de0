#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "projects/method_template.hpp"

namespace projects {

inline const std::vector<std::string> kStatuses = {"green", "yellow", "red"};
inline const std::vector<std::string> kItemStatuses = {"open", "done", "not_relevant"};
// Seed 003 recommends at most five result goals; more is allowed but warned about.
inline constexpr std::size_t kRecommendedMaxGoals = 5;
inline constexpr std::size_t kMaxListItems = 50;
inline constexpr std::size_t kListItemMax = 500;

struct Project {
  std::string id;
  std::string title;
  std::string template_key;
  std::string phase_key;
  std::string status = "green";
  std::optional<std::string> status_reason;
  std::optional<std::string> purpose;
  std::optional<std::string> background;
  std::optional<std::string> citizen_journey;
  std::optional<std::string> target_group;
  std::vector<std::string> success_criteria;
  std::vector<std::string> result_goals;
  std::optional<std::string> start_date;
  std::optional<std::string> end_date;
  std::vector<std::string> unit_ids;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// Charter fields of a create or update; absent optionals are left alone.
// The id of a project the request has already read in its tenant (a ProjectScope's): a
// store's read given one does not check again that the project is the tenant's. The
// project page's cards read a dozen stores, and each check was a statement.
struct CheckedProject {
  const std::string& id;
};

struct CharterFields {
  std::optional<std::string> title;
  std::optional<std::optional<std::string>> purpose, background, citizen_journey, target_group,
      status_reason, start_date, end_date;
  std::optional<std::string> status;
  std::optional<std::vector<std::string>> success_criteria, result_goals, unit_ids;
};

// Reads charter fields from JSON or a form (lists as arrays, or one item per line
// in a form). Records problems in `input`; call input.check() after.
CharterFields parse_charter(core::Input& input, bool creating);

// Applies fields to a project and checks rules that span fields (end ≥ start).
// Throws ValidationError naming the field.
Project apply_charter(Project project, const CharterFields& fields);

// Advice that does not block saving ("more than 5 result goals").
std::vector<std::string> charter_warnings(const Project& project);

// The phase after `current`, or nullopt at the last phase.
std::optional<std::string> next_phase(const MethodTemplate& t, const std::string& current);

// A phase move must go to the next phase and carry a gate decision text; with items of the
// current phase still open it must also say why the project moves on anyway.
// Throws ValidationError (to_phase / decision / open_items_reason) otherwise.
void check_phase_move(const MethodTemplate& t, const std::string& current,
                      const std::string& to_phase, const std::string& decision_text,
                      int open_items = 0, const std::string& open_items_reason = "");

nlohmann::json to_json(const Project& project);

}  // namespace projects
