#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "stakeholders/stakeholder.hpp"

namespace stakeholders {

class StakeholderStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's stakeholders, the most influential first, then by interest and id.
  // NotFound when the project is not the tenant's.
  std::vector<Stakeholder> of_project(const std::string& project_id);
  // What the project page's card shows: how many stakeholders stand at each (influence,
  // interest) point, and the `next` with the earliest next contact.
  struct Card {
    std::vector<std::pair<std::pair<long long, long long>, long long>> counts;
    std::vector<Stakeholder> next_contacts;
  };
  Card card(const std::string& project_id, int next);
  // One page of them in the order they were added (limit + 1 rows), keyed by id.
  std::vector<Stakeholder> list(const std::string& project_id, const http::Page& page);
  Stakeholder get(const std::string& id);  // NotFound when not in this tenant
  // A person, unit or involving person of another tenant is a ValidationError naming the
  // field; nothing is stored then.
  Stakeholder create(const core::AuthContext* who, const std::string& project_id,
                     const Stakeholder& fields);
  // Several at once (the suggested groups ticked on the page): all of them or none.
  std::vector<Stakeholder> create_all(const core::AuthContext* who, const std::string& project_id,
                                      const std::vector<Stakeholder>& all);
  Stakeholder update(const core::AuthContext* who, const Stakeholder& changed,
                     long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);

 private:
  std::vector<Stakeholder> query(const std::string& where, const std::string& key,
                                 const std::string& value);
  void check_references(const Stakeholder& s);
  Stakeholder insert(const core::AuthContext* who, const std::string& project_id, Stakeholder s);
};

}  // namespace stakeholders
