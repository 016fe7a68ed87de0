#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/auth_context.hpp"
#include "kit/fields.hpp"
#include "org/org.hpp"

namespace signals {

inline const std::vector<std::string> kStatuses = {"new", "in_progress", "waiting", "closed"};
inline const std::vector<std::string> kSources = {"staff", "citizen"};
// What a manager does with a signal (POST /api/v1/signals/{id}/actions).
inline const std::vector<std::string> kActionKinds = {"answer", "pass_up", "to_project",
                                                      "start_arena", "close"};
inline constexpr std::size_t kWhatMax = 2000;
inline constexpr std::size_t kTextMax = 4000;
inline constexpr std::size_t kLinkMax = 2000;
inline constexpr std::size_t kLinksMax = 10;
inline constexpr int kReminderDays = 2;  // working days before the deadline

// A need, problem or idea raised by a member of staff or a citizen, held by one manager.
struct Signal {
  std::string id;
  std::string what;
  std::optional<std::string> place;  // "where"
  std::optional<std::string> suggestion;
  std::vector<std::string> links;  // attachments, as addresses
  std::string source = "staff";
  std::optional<std::string> submitter_id;     // staff: the person
  std::optional<std::string> submitter_email;  // a citizen's, for the answer
  std::string unit_id;
  std::optional<std::string> handler_unit_id;  // whose manager holds it
  std::optional<std::string> manager_id;       // null: no manager anywhere up the tree
  std::vector<std::string> managers;           // everyone who has held it
  std::string status = "new";
  std::string deadline;  // YYYY-MM-DD, for the holder to act by
  std::optional<std::string> reminded_for;
  long long escalations = 0;
  std::optional<std::string> answered_at;
  std::optional<std::string> closed_at;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  // Filled for the reader: names, and whether the reader holds it.
  std::optional<std::string> submitter_name;
  std::optional<std::string> manager_name;
  std::string unit_name;
};

// One step in a signal's history.
struct Event {
  std::string id;
  std::string signal_id;
  // created, answer, status, passed_up, to_project, start_arena, arena_outcome, closed,
  // escalated, reminder
  std::string kind;
  std::optional<std::string> actor_id;
  std::optional<std::string> manager_id;  // who holds it after the step
  std::optional<std::string> text;        // an answer, a note
  std::optional<std::string> link;        // the card or action row a project made of it
  std::string created_at;
};

// The fields a submitter gives (what, where as "where", suggestion, links, unit_id) and
// what the API shows; the holder's fields are written by the store.
const kit::Fields<Signal>& signal_fields();
nlohmann::json to_json(const Signal& s);
nlohmann::json to_json(const Event& e);

// Where a signal goes: the manager of `unit_id` or, if it has none (or it is `exclude`),
// the nearest one above. The unit is the one whose manager it is.
struct Holder {
  std::optional<std::string> unit_id;
  std::optional<std::string> manager_id;
};
Holder route(const std::vector<org::Unit>& units, const std::string& unit_id,
             const std::string& exclude = "");
// One level up from the unit `from` (the current holder's unit): the nearest manager above
// it other than `current`. Empty when there is none.
Holder route_up(const std::vector<org::Unit>& units, const std::string& from,
                const std::string& current);

// Who may read a signal: its submitter, anyone who has held it, administrators.
bool may_read(const Signal& s, const core::AuthContext& who);
// Who acts on it: its holder; administrators too, when nobody holds it.
bool may_act(const Signal& s, const core::AuthContext& who);

// The signal as `who` reads it: a staff submitter is known to the managers, a citizen's
// e-mail only to them too; anyone else gets NotFound.
Signal for_reader(Signal s, const core::AuthContext& who);

// Per unit and month (the month a signal came in): how many, how many answered and how fast
// (working days to the first answer, mean), and how many went past their deadline.
struct StatsRow {
  std::string unit_id;
  std::string unit_name;
  std::string month;  // YYYY-MM
  int received = 0;
  int answered = 0;
  double mean_days_to_answer = 0;
  int overdue = 0;  // open past the deadline now, or answered after it
};
// `today` (YYYY-MM-DD) judges the open ones; `calendar`: "dk" or "se".
std::vector<StatsRow> stats(const std::vector<Signal>& signals, const std::string& today,
                            const std::string& calendar);

}  // namespace signals
