#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "kit/fields.hpp"

namespace work_packages {

// One entry of the tenant's rate card: the hourly rate of a project role or of one person
// (a person's own rate comes before their role's).
struct HourlyRate {
  std::string id;
  std::optional<std::string> role;
  std::optional<std::string> person_id;
  long long rate = 0;  // per hour, minor units
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// role (a project role) or person_id, exactly one; rate (an amount, "650,00").
const kit::Fields<HourlyRate>& hourly_rate_fields();

class RateCardStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  std::vector<HourlyRate> list(const http::Page& page);
  std::vector<HourlyRate> all();
  HourlyRate get(const std::string& id);
  // A role or person with a rate already is a Conflict; a person of another tenant a
  // ValidationError naming person_id.
  HourlyRate create(const core::AuthContext* who, const HourlyRate& fields);
  HourlyRate update(const core::AuthContext* who, const HourlyRate& changed,
                    long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);
  // The rate of `person_id`, else of `role`; nullopt when the card has neither.
  std::optional<long long> rate_for(const std::optional<std::string>& role,
                                    const std::optional<std::string>& person_id);

 private:
  void check(const HourlyRate& r);
};

}  // namespace work_packages
