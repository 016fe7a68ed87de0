#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "projects/project.hpp"

namespace projects {

struct ChecklistItem {
  std::string id;
  std::string project_id;
  std::string phase_key;
  std::string item_key;
  std::optional<std::string> dimension;
  nlohmann::json text;  // {"da","sv","en"}
  std::string status = "open";
  std::optional<std::string> responsible_id;
  std::optional<std::string> due_date;
  std::optional<std::string> evidence;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

struct ItemFields {
  std::optional<std::string> status;
  std::optional<std::optional<std::string>> responsible_id, due_date, evidence;
};

struct GateDecision {
  std::string to_phase;
  std::string text;
  std::string decided_on;  // YYYY-MM-DD
  std::string decided_by;
  std::vector<std::string> links;
  std::optional<std::string> meeting_id;  // the meeting it was taken at, if any
  // Why the project moves on with items of the phase still open (required then); kept
  // in the decision's text.
  std::string open_items_reason;
};

nlohmann::json to_json(const ChecklistItem& item);

class ProjectStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // New project in the template's first phase with its checklist copied in.
  Project create(const core::AuthContext* who, const MethodTemplate& tmpl,
                 const CharterFields& charter);
  std::vector<Project> page(const std::string& after, int limit);
  Project get(const std::string& id);
  // The project and the roles `person_id` holds in it (none for ""), read together: what a
  // project-scoped request needs before it answers (ProjectScope). NotFound as get().
  struct WithRoles {
    Project project;
    std::vector<std::string> roles;
  };
  WithRoles get_with_roles(const std::string& id, const std::string& person_id);
  // Throws NotFound as get() does, reading only the key.
  void require(const std::string& id);
  // The method the project was created from: a shipped template, or the tenant
  // template as it was when the project started.
  MethodTemplate method(const Project& project);
  Project update_charter(const core::AuthContext* who, const std::string& id,
                         long long expected_version, const CharterFields& fields);

  std::vector<ChecklistItem> checklist(const std::string& project_id);
  // The items of one phase, in order.
  std::vector<ChecklistItem> checklist(const std::string& project_id, const std::string& phase_key);
  // Done and counted (not "not relevant") items per phase and dimension ("" for none).
  struct ItemCount {
    std::string phase_key;
    std::string dimension;
    int done = 0;
    int counted = 0;
  };
  std::vector<ItemCount> checklist_progress(const std::string& project_id);
  ChecklistItem update_item(const core::AuthContext* who, const std::string& item_id,
                            long long expected_version, const ItemFields& fields);

  // Records the gate decision and moves the project to the next phase, together.
  Project move_phase(const core::AuthContext* who, const std::string& id,
                     const GateDecision& decision);
  // A decision that is not a phase gate (to_phase stays empty).
  nlohmann::json record_decision(const core::AuthContext* who, const std::string& project_id,
                                 const GateDecision& decision);
  // Decisions of a project, newest first; `kind` filters when not empty.
  // Texts the server wrote (a kaizen card's decision) are stored as a core::Message and
  // shown in `locale`, the reader's language.
  nlohmann::json decisions(const std::string& project_id, const std::string& kind,
                           const std::string& locale);

 private:
  // UPDATE guarded by the version read; the rows it changed (0: someone wrote in between).
  long long write(const Project& after, long long expected_version);
  // A versioned change of the project: `change(stored, version)` writes and returns rows.
  template <typename Change>
  Project versioned(const core::AuthContext* who, const std::string& id, long long expected_version,
                    Change change);
  void insert_checklist(const Project& p, const MethodTemplate& tmpl);
  ChecklistItem item(const std::string& item_id);
  // Raises the project's last update (what the portfolio sorts by) to `at`.
  void touch(const std::string& project_id, const std::string& at);
  long long write_item(ChecklistItem after, const ItemFields& fields, long long version);
  nlohmann::json insert_decision(const core::AuthContext* who, const std::string& project_id,
                                 const std::string& kind, const GateDecision& d,
                                 const std::optional<std::string>& from_phase);
  void check_units(const std::vector<std::string>& unit_ids);
  void save_units(const std::string& project_id, const std::vector<std::string>& unit_ids);
};

}  // namespace projects
