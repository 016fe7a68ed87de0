#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "actions/action.hpp"
#include "actions/action_import.hpp"
#include "actions/suggestion.hpp"
#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"

namespace actions {

class ActionStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // A row typed in (its fields as action_fields() reads them); ValidationError when the
  // responsible is not a person of the tenant.
  Action create(const core::AuthContext* who, const std::string& project_id, const Action& fields);
  // A row set by code (the import, demo data) with its origin.
  Action create(const core::AuthContext* who, const std::string& project_id,
                const ActionFields& fields, const std::string& origin = "manual");
  std::vector<Action> of_project(const std::string& project_id);
  // The project's rows counted: open, done and overdue on `today` (is_overdue's rule).
  struct Counts {
    int open = 0, done = 0, overdue = 0, total = 0;
  };
  Counts counts(const std::string& project_id, const std::string& today);
  // The person's rows across the tenant's projects.
  std::vector<Action> of_person(const std::string& person_id);
  // One page of the project's (or the person's) rows, filtered and ordered in SQL as
  // `query` asks and read after the cursor's sort key and id: up to page.limit + 1 rows,
  // each with the key its next cursor carries. A page costs the same in a plan of any size.
  struct Keyed {
    Action action;
    std::string key;
  };
  std::vector<Keyed> page_of_project(const std::string& project_id, const ActionQuery& query,
                                     const std::string& today, const http::Page& page);
  std::vector<Keyed> page_of_person(const std::string& person_id, const ActionQuery& query,
                                    const std::string& today, const http::Page& page);
  Action get(const std::string& id);  // NotFound when not in this tenant
  // Conflict with the stored row when `expected_version` is not its version.
  Action update(const core::AuthContext* who, const Action& changed, long long expected_version);
  Action update(const core::AuthContext* who, const std::string& id, long long expected_version,
                const ActionFields& fields);
  void remove(const core::AuthContext* who, const std::string& id);

  // The notes of the project's redesign maps (current versions) not yet in the plan.
  std::vector<Suggestion> suggestions(const std::string& project_id);
  // The project's KPIs as (id, name), by name: the choices of the action form.
  std::vector<std::pair<std::string, std::string>> project_kpis(const std::string& project_id);
  // Turns one suggestion into a row with origin map_note. NotFound when the map step
  // has no such note; Conflict (with the row) when it is in the plan already.
  Action accept(const core::AuthContext* who, const std::string& project_id,
                const std::string& map_id, const std::string& element_id);

  // Reads and checks a CSV import against the project's rows and the tenant's people.
  std::vector<ImportRow> plan_import(const std::string& project_id, std::string_view csv,
                                     const ImportVocabulary& vocab);
  // Stores every planned row in one transaction; the caller checked for errors.
  void apply_import(const core::AuthContext* who, const std::string& project_id,
                    const std::vector<ImportRow>& rows);

 private:
  std::vector<Action> query(const std::string& where, const std::string& key,
                            const std::string& value);
  std::vector<Keyed> page(bool of_project, const std::string& owner_id, const ActionQuery& query,
                          const std::string& today, const http::Page& page);
  void check_person(const std::optional<std::string>& person_id);
  Action add(const core::AuthContext* who, const std::string& project_id, Action a,
             const std::string& origin);
};

}  // namespace actions
