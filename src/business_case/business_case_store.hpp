#pragma once

#include <optional>
#include <string>
#include <vector>

#include "business_case/business_case.hpp"
#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "projects/project_store.hpp"

namespace business_case {

class BusinessCaseStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's current estimate; one never saved (version 0, five years, in the tenant's
  // currency) when there is none. NotFound when the project is not the tenant's.
  BusinessCase current(const std::string& project_id);
  BusinessCase current(const projects::CheckedProject& project);  // not checked again
  // The tenant's hour price and default rate, with the case's own rate when it has one.
  Pricing pricing(const BusinessCase& bc);
  // Saves the estimate: `expected_version` 0 makes it (Conflict when one exists meanwhile),
  // otherwise a versioned update (Conflict with the stored case when stale).
  BusinessCase save(const core::AuthContext* who, const std::string& project_id,
                    const BusinessCase& changed, long long expected_version);
  // Freezes the current estimate as the next approved version by `decision`, which goes
  // into the project's decision log; all in one transaction. Conflict when the estimate
  // changed since `expected_version` was read or was never saved.
  ApprovedVersion approve(const core::AuthContext* who, const std::string& project_id,
                          const projects::GateDecision& decision, long long expected_version);
  // The approved versions, newest first.
  std::vector<ApprovedVersion> versions(const std::string& project_id);
  // The newest approval's number and day, for the overview: no figures are read.
  struct Approval {
    long long number = 0;
    std::string approved_on;
  };
  std::optional<Approval> last_approval(const std::string& project_id);
  std::optional<ApprovedVersion> approved(const std::string& project_id);
};

}  // namespace business_case
