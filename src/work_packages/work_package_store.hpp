#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "projects/project.hpp"
#include "work_packages/work_package.hpp"

namespace work_packages {

class WorkPackageStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's packages by start, end and id. NotFound when the project is not the
  // tenant's.
  std::vector<WorkPackage> of_project(const std::string& project_id);
  std::vector<WorkPackage> of_project(
      const projects::CheckedProject& project);  // not checked again
  // How many packages the project has, how many are done and how many late by `today`
  // (is_late): the overview's card, counted in SQL.
  struct Counts {
    long long total = 0;
    long long done = 0;
    long long late = 0;
  };
  Counts counts(const projects::CheckedProject& project, const std::string& today);
  // One page of them in the order they were added (limit + 1 rows), keyed by id.
  std::vector<WorkPackage> list(const std::string& project_id, const http::Page& page);
  WorkPackage get(const std::string& id);  // NotFound when not in this tenant
  // People, units and dependencies must be the tenant's and the project's, and the
  // dependencies free of cycles: a ValidationError naming the field otherwise.
  WorkPackage create(const core::AuthContext* who, const std::string& project_id,
                     const WorkPackage& fields);
  WorkPackage update(const core::AuthContext* who, const WorkPackage& changed,
                     long long expected_version);
  // With its budget and financing; packages depending on it depend on it no more. A package
  // with actuals is kept (Conflict): what was spent stays accounted for.
  void remove(const core::AuthContext* who, const std::string& id);

 private:
  std::vector<WorkPackage> query(const std::string& where, const std::string& key,
                                 const std::string& value);
  void check_references(const WorkPackage& wp);
};

}  // namespace work_packages
