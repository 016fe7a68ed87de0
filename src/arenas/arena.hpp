#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/auth_context.hpp"
#include "kit/fields.hpp"
#include "projects/method_template.hpp"

namespace arenas {

inline const std::vector<std::string> kStatuses = {"open", "running", "done", "stopped"};
// The pulse programme is the shipped agile-arena template's phases and checklists.
inline constexpr const char* kPulseTemplate = "agile-arena";
inline constexpr std::size_t kTitleMax = 200;
inline constexpr std::size_t kGoalMax = 4000;
inline constexpr std::size_t kIdMax = 64;
inline constexpr std::size_t kMaxMembers = 50;

// One person on the arena, with the unit they come from.
struct Member {
  std::string person_id;
  std::string name;
  std::optional<std::string> unit_id;
  std::optional<std::string> unit_name;
  bool leader = false;  // the process leader, first of the team
};

// One checklist item of a pulse step, ticked with who and when.
struct PulseItem {
  std::string item_key;
  std::string step_key;
  bool done = false;
  std::optional<std::string> done_by;
  std::optional<std::string> done_by_name;
  std::optional<std::string> done_at;
};

// What the arena tried and what came of it.
struct LogEntry {
  std::string id;
  std::string tried;
  std::optional<std::string> result;
  std::string logged_on;  // YYYY-MM-DD
  std::optional<std::string> logged_by_name;
  std::string created_at;
};

// An agile arena (seed 004): a cross-competence team of the tenant, outside any project,
// gathered round one need under a process leader for a time box.
struct Arena {
  std::string id;
  std::string title;
  std::string goal;  // the need it answers
  std::string leader_id;
  std::string leader_name;
  std::vector<std::string> member_ids;
  std::string starts_on;  // YYYY-MM-DD, default today
  std::string ends_on;
  std::string status = "open";
  std::optional<std::string> outcome;
  std::optional<std::string> signal_id;   // the signal it was started from, if any
  std::optional<std::string> project_id;  // the project it grew into
  std::optional<std::string> created_by;
  // Read with the arena, not written through its fields: the team is the leader, then
  // the members.
  std::vector<Member> members;
  std::vector<PulseItem> items;
  std::vector<LogEntry> log;
  bool detailed = false;  // items and log read (one arena, not a list)
  bool overdue = false;   // for the reader's today
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// The arena's fields (kit/fields.hpp): title, goal, leader_id, ends_on required; starts_on
// default today; member_ids a list of person ids; status open|running|done|stopped.
const kit::Fields<Arena>& arena_fields();

inline nlohmann::json to_json(const Arena& a) { return arena_fields().to_json(a); }

// A log entry from the API or the form: tried (required), result, logged_on (a date; empty
// for today). Throws ValidationError naming the fields.
LogEntry parse_log(core::Input& input);

// Whether a change from `before` to `after` is news for the signal the arena came from: a
// new or changed outcome, or the arena done or stopped.
bool reports_back(const Arena& before, const Arena& after);
// Done or stopped.
bool is_finished(const Arena& arena);

// Past its end date and neither done nor stopped.
bool is_overdue(const Arena& arena, const std::string& today);

// The units the team (leader and members) comes from, each once, in the order first met;
// people without a unit are left out.
std::vector<Member> units_covered(const std::vector<Member>& members);

// The tenant's administrators, the process leader and whoever started the arena change it
// (its fields, outcome, status, growing it into a project).
bool may_edit(const Arena& arena, const core::AuthContext& who);
// They and the arena's members do its work: tick pulse items, write down what was tried.
bool may_work(const Arena& arena, const core::AuthContext& who);

// One pulse step as shown: its items with their state, and how many are done.
struct Step {
  const projects::TemplatePhase* phase;
  std::vector<const PulseItem*> items;
  int done = 0;
  bool current = false;  // the first step with an item still open
};
std::vector<Step> pulse_steps(const projects::MethodTemplate& pulse,
                              const std::vector<PulseItem>& items);

// A step's name without the template's leading number ("1. Kommunikationsansvarlig"):
// the step indicator numbers its steps itself.
std::string step_label(const std::string& name);

}  // namespace arenas
