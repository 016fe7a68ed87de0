#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "work_packages/budget.hpp"
#include "work_packages/work_package.hpp"

namespace work_packages {

class BudgetStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The package's budget (empty, version 0, when never saved).
  Budget of(const WorkPackage& wp);
  // Every package's budget of a project, by package id.
  std::map<std::string, Budget> of_project(const std::string& project_id);
  // Replaces the package's lines and financing. Each line with hours is priced from the
  // rate card (a ValidationError naming "lines[i]" when the card has no rate for it); a
  // person of another tenant is named too. `expected`: the budget's version as read; a stale
  // one is a Conflict with the stored budget.
  Budget put(const core::AuthContext* who, const WorkPackage& wp, Budget budget,
             std::optional<long long> expected);
  // Deletes the package's lines and financing, in the caller's write (put replaces them; a
  // package removed takes its budget along).
  void clear(const std::string& work_package_id);
};

}  // namespace work_packages
