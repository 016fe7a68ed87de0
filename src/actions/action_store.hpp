#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "actions/action.hpp"
#include "actions/action_import.hpp"
#include "actions/suggestion.hpp"
#include "core/auth_context.hpp"

namespace actions {

class ActionStore {
 public:
  ActionStore(soci::session& sql, std::string tenant_id)
      : sql_(sql), tenant_id_(std::move(tenant_id)) {}

  // ValidationError when the responsible is not a person of the tenant.
  Action create(const core::AuthContext* who, const std::string& project_id,
                const ActionFields& fields, const std::string& origin = "manual");
  std::vector<Action> of_project(const std::string& project_id);
  // The person's rows across the tenant's projects.
  std::vector<Action> of_person(const std::string& person_id);
  Action get(const std::string& id);  // NotFound when not in this tenant
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
  void check_person(const ActionFields& fields);
  void insert(const Action& a);

  soci::session& sql_;
  std::string tenant_id_;
};

}  // namespace actions
