#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "communication/communication.hpp"
#include "communication/training.hpp"
#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "projects/project.hpp"

namespace communication {

// The communication plan's rows.
class CommunicationStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's plan by date (sort_plan). NotFound when the project is not the tenant's.
  std::vector<Communication> of_project(const std::string& project_id);
  std::vector<Communication> of_project(
      const projects::CheckedProject& project);  // not checked again
  Communication get(const std::string& id);      // NotFound when not in this tenant
  // What the overview's card shows, read without the whole plan: the counts, and the rows
  // `upcoming` picks (every overdue row, then the next `next_rows` from `today` on).
  struct Card {
    long long total = 0;
    long long done = 0;
    long long overdue = 0;
    long long reach = 0;  // people reached, over every row
    std::vector<Communication> upcoming;
  };
  Card card(const projects::CheckedProject& project, const std::string& today,
            std::size_t next_rows);
  // A unit or owner of another tenant is a ValidationError naming the field.
  Communication create(const core::AuthContext* who, const std::string& project_id,
                       const Communication& fields);
  Communication update(const core::AuthContext* who, const Communication& changed,
                       long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);

 private:
  std::vector<Communication> query(const std::string& where, const std::string& key,
                                   const std::string& value);
  void check_references(const Communication& c);
};

// The training plan's classes with who was trained in them.
class TrainingStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's classes by first day, each with its people (recorded, and present at its
  // meeting) and counts per unit. NotFound when the project is not the tenant's.
  std::vector<TrainingClass> of_project(const std::string& project_id);
  std::vector<TrainingClass> of_project(
      const projects::CheckedProject& project);  // not checked again
  TrainingClass get(const std::string& id);      // NotFound when not in this tenant
  // A person, unit or meeting not of the tenant (a meeting: not of the project) is a
  // ValidationError naming the field; nothing is stored then.
  TrainingClass create(const core::AuthContext* who, const std::string& project_id,
                       const TrainingClass& fields);
  // Who was trained is replaced when the change names it (people_given).
  TrainingClass update(const core::AuthContext* who, const TrainingClass& changed,
                       long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);

 private:
  // The classes whose `column` is `value`, with who was trained.
  std::vector<TrainingClass> query(const std::string& column, const std::string& value);
  void check_references(const TrainingClass& c);
  void write_trained(const TrainingClass& c);
};

}  // namespace communication
