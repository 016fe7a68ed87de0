#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "adoption/adoption.hpp"
#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "kit/fields.hpp"
#include "kpis/kpi.hpp"
#include "kpis/kpi_store.hpp"
#include "maps/map_store.hpp"
#include "projects/project_store.hpp"

namespace adoption {

// The redesign as the project has it now: the newest redesign map, its steps with
// their adoption state and the share adopted.
struct Overview {
  std::optional<std::string> map_id, map_title;
  std::vector<Step> steps;
  Share share;
};

nlohmann::json to_json(const Overview& o);

// A change of a step's status: the management decision that makes it.
struct ChangeRequest {
  std::string element_id;
  std::string status;
  projects::GateDecision decision;  // text, decided_on, decided_by, links, meeting_id
};

// One entry of a step's status history.
struct HistoryEntry {
  std::string id;
  std::string element_id;
  std::string step_name;
  std::string from_status;
  std::string to_status;
  std::string decision_id;
  std::string decision_text;
  std::string decided_on;
  std::string created_at;
};
nlohmann::json to_json(const HistoryEntry& h);

// A suggested split of a KPI's run chart where a step was adopted.
struct SplitSuggestion {
  std::string element_id;
  std::string step_name;
  std::string decided_on;
  std::string start;  // the period the split would start at
  long start_index = 0;
  bool follows_step = false;  // the KPI names this step as the one it follows
};
nlohmann::json to_json(const SplitSuggestion& s);

// The steps (activities) of a map's saved version, read once per version.
std::vector<MapStep> steps_of_map(maps::MapStore& maps, const std::string& tenant_id,
                                  const maps::MapInfo& m);

class AdoptionStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // NotFound when the project is not the tenant's.
  Overview overview(const std::string& project_id);
  // The same for a project the request has read, from its maps as listed once for the
  // request (maps::project_maps).
  Overview overview(const projects::CheckedProject& project,
                    const std::vector<maps::MapInfo>& listed);
  // Records the decision in the project's decision log, changes the step's status and
  // keeps the change in its history, all together; an adoption also writes a win.
  // Conflict (with the current step) when `expected_version` is stale; ValidationError
  // for an unknown step, a refused change or a meeting of another project.
  Step change(const core::AuthContext* who, const std::string& project_id,
              const ChangeRequest& change, long long expected_version);
  // One step of the overview; NotFound when the redesign has no such step.
  Step step(const std::string& project_id, const std::string& element_id);
  std::vector<HistoryEntry> history(const std::string& project_id);
  // The project's meetings as {id, title, starts_at}, newest first, for the form.
  nlohmann::json meetings(const std::string& project_id);

  // Steps adopted whose adoption period has no split on the KPI's chart yet.
  std::vector<SplitSuggestion> split_suggestions(const kpis::Kpi& kpi);
  // Creates the suggested split (label "Adopted: <step>" in the tenant's language).
  // NotFound when there is no such suggestion (any more).
  kpis::StoredPeriod accept_split(const core::AuthContext* who, const kpis::Kpi& kpi,
                                  const std::string& element_id);

 private:
  std::vector<MapStep> map_steps(const std::vector<maps::MapInfo>& listed,
                                 std::optional<std::string>& map_id,
                                 std::optional<std::string>& map_title);
  std::vector<StoredStep> stored(const std::string& project_id);
  std::string tenant_locale();
  void check_change(const std::string& project_id, const Step& before, const ChangeRequest& change);
  // The decision, the step's new status and its history entry; the rows the status
  // update changed (0: someone changed the step in between).
  long long write_change(const core::AuthContext* who, const std::string& project_id,
                         const ChangeRequest& change);
};

// Lessons learned, shown in the closing report.
struct Lesson {
  std::string id;
  std::string project_id;
  std::string text;
  std::string created_at;
};
inline constexpr std::size_t kLessonMax = 2000;
// Its fields, named once (kit/fields.hpp): the text is all a person writes.
const kit::Fields<Lesson>& lesson_fields();
inline nlohmann::json to_json(const Lesson& l) { return lesson_fields().to_json(l); }

class LessonStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;
  std::vector<Lesson> of_project(const std::string& project_id);
  // One page, oldest first (limit + 1 rows).
  std::vector<Lesson> list(const std::string& project_id, const http::Page& page);
  Lesson get(const std::string& id);
  Lesson create(const core::AuthContext* who, const std::string& project_id, const Lesson& lesson);
  void remove(const core::AuthContext* who, const std::string& id);
};

}  // namespace adoption
