#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "kit/fields.hpp"

namespace actions {

inline const std::vector<std::string> kStatuses = {"not_started", "in_progress", "done", "dropped"};
inline const std::vector<std::string> kOrigins = {"manual", "map_note", "import"};
inline const std::vector<std::string> kSorts = {"deadline", "status", "responsible", "created"};
inline constexpr std::size_t kTaskMax = 500;
inline constexpr std::size_t kTextMax = 2000;

// One row of the action plan (seed 000, section 4 and bilag 4).
struct Action {
  std::string id;
  std::string project_id;
  std::string task;  // ændring/opgave
  std::optional<std::string> responsible_id;
  std::optional<std::string> effect;
  std::optional<std::string> how;
  std::optional<std::string> deadline;  // YYYY-MM-DD
  std::string status = "not_started";
  std::optional<std::string> kpi_id;
  std::string origin = "manual";
  std::optional<std::string> map_id;
  std::optional<std::string> element_id;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  // Filled by the store from the people, units and projects tables.
  std::optional<std::string> responsible_name;
  std::optional<std::string> unit_id;
  std::optional<std::string> unit_name;
  std::string project_title;
  std::optional<std::string> kpi_name;  // when kpi_id names a KPI of the tenant
  // Filled by the store: the tenant's date when the row was read, which `overdue` is
  // judged against (empty: never overdue).
  std::string today;
};

// The action plan's fields, named once (kit/fields.hpp): task (required), responsible_id,
// effect, how, deadline (a date; "" or null clears), status (default not_started; a stored
// row's may change but not be cleared), kpi_id; written with the names joined to them,
// origin, the map step a note came from and `overdue`.
const kit::Fields<Action>& action_fields();

// The row as the API writes it.
inline nlohmann::json to_json(const Action& action) { return action_fields().to_json(action); }

// Fields set by code rather than typed (the CSV import, demo data): absent optionals are
// left alone, an inner nullopt clears.
struct ActionFields {
  std::optional<std::string> task, status;
  std::optional<std::optional<std::string>> responsible_id, effect, how, deadline, kpi_id;
};
Action apply_fields(Action action, const ActionFields& fields);

// Overdue: a deadline before `today` (YYYY-MM-DD) on a row that is neither done nor dropped.
bool is_overdue(const Action& action, const std::string& today);

// ?status=&responsible_id=&overdue=true&sort=deadline|status|responsible|created
struct ActionQuery {
  std::string status;
  std::string responsible_id;
  bool overdue = false;
  std::string sort = "deadline";
};
ActionQuery parse_query(const std::map<std::string, std::string>& query);  // ValidationError
std::vector<Action> select(std::vector<Action> rows, const ActionQuery& query,
                           const std::string& today);

// Today's date in Danish/Swedish local time (CET/CEST, EU summer-time rules).
std::string local_today();

}  // namespace actions
