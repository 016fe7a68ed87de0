#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "benefits/benefit.hpp"
#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "projects/project.hpp"

namespace benefits {

// A judgement of the Revisit phase: how far the benefit was realised and why, as the
// decision that judged it records it.
struct Judgement {
  std::string realisation;  // one of kJudgements
  std::string reason;
  std::string decided_on;  // YYYY-MM-DD
  std::string decided_by;  // a stored decision body (projects::decision_body)
};

class BenefitStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's benefits by target date (those without one last), then title. NotFound
  // when the project is not the tenant's.
  std::vector<Benefit> of_project(const std::string& project_id);
  std::vector<Benefit> of_project(const projects::CheckedProject& project);  // not checked again
  Benefit get(const std::string& id);  // NotFound outside the tenant
  // ValidationError naming the field when a person is not of the tenant or a KPI not of
  // the project; nothing is stored then.
  Benefit create(const core::AuthContext* who, const std::string& project_id, const Benefit& b);
  Benefit update(const core::AuthContext* who, const Benefit& changed, long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);
  // Records the judgement as a decision in the project's log and on the benefit, together;
  // a stale version stores neither.
  Benefit judge(const core::AuthContext* who, const Benefit& current, const Judgement& judgement,
                long long expected_version);

  // A new benefit's people from the project's roles: owner → owner, benefit_responsible
  // (else head_of_service) → responsible, benefit_leader (else team_leader) → leader.
  Benefit with_role_defaults(Benefit b, const std::string& project_id);

 private:
  void check_links(const Benefit& b);
};

}  // namespace benefits
