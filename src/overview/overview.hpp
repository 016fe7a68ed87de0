#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace overview {

// The start page of one person ("Mit overblik"): what they lead or take part in, what they
// are responsible for, where they are expected and which of their measurements is missing.
// Read for the logged-in account's person, in their tenant only.

// A project in which the person holds a role (owner and project leader included).
struct MyProject {
  std::string id;
  std::string title;
  std::string template_key;
  std::string phase_key;
  std::string phase_name;  // from the project's method, in the reader's language
  std::string status;      // green | yellow | red
  std::vector<std::string> roles;
  std::optional<std::string> next_meeting;  // local wall time "YYYY-MM-DDTHH:MM"
  long long overdue_actions = 0;
  long long overdue_checklist_items = 0;
};

inline const std::vector<std::string> kTaskKinds = {"action", "checklist_item", "kaizen_card"};

// Something the person is responsible for: an action-plan row, a checklist item or a
// kaizen card. Only what is still to do (open rows, cards not decided).
struct MyTask {
  std::string kind;  // one of kTaskKinds
  std::string id;
  std::string project_id;
  std::string project_title;
  std::string text;                // checklist items: in the reader's language
  std::optional<std::string> due;  // YYYY-MM-DD; kaizen cards have none
  std::string status;              // the row's status, the item's status, the card's column
  bool overdue = false;
};

// A meeting ahead: the person is invited, or leads or owns its project.
struct MyMeeting {
  std::string id;
  std::string project_id;
  std::string project_title;
  std::string kind;
  std::string title;
  std::string starts_at;  // local wall time in the tenant's time zone
  long long duration_minutes = 60;
  std::optional<std::string> location;
};

// A KPI of the person's whose value for the latest period is missing.
struct MyKpi {
  std::string id;
  std::string project_id;
  std::string project_title;
  std::string name;
  std::string frequency;
  std::optional<std::string> start_period;
  std::optional<std::string> last_period;  // the newest measured period, if any
  std::optional<long long> last_index;
};

// The start page lists this many projects at most (an administrator who set up the
// municipality's projects leads them all); the project list has the rest.
inline constexpr std::size_t kProjectsShown = 50;

struct Overview {
  std::string today;      // YYYY-MM-DD in the tenant's time zone
  std::string time_zone;  // IANA name
  std::vector<MyProject> projects;
  bool more_projects = false;  // the person has more than kProjectsShown projects
  std::vector<MyTask> tasks;
  std::vector<MyMeeting> meetings;
  std::vector<MyKpi> kpis;
};

// Overdue: a due date before `today` ("YYYY-MM-DD"); tasks without one never are.
bool is_overdue(const MyTask& task, const std::string& today);
// Marks the overdue tasks and orders them: overdue first (oldest due date first), then by
// due date, then those without one; ties by project title and text.
std::vector<MyTask> ordered_tasks(std::vector<MyTask> tasks, const std::string& today);

// The answer of GET /api/v1/me/overview, and the OpenAPI schema of it.
nlohmann::json to_json(const Overview& o);
nlohmann::json schema();

}  // namespace overview
