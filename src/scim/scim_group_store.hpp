#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "scim/scim_filter.hpp"
#include "scim/scim_group.hpp"

namespace scim {

// Groups are the tenant's units (scim_group.hpp); membership is each person's unit.
class GroupStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  GroupView get(const std::string& id);  // NotFound
  std::vector<GroupView> page(long long offset, long long count, bool with_members);
  long long count();
  // `filter` on "displayname" (any case) or "id".
  std::vector<GroupView> find(const Filter& filter, bool with_members);

  // A new unit under the tenant's top unit (the oldest unit without a parent).
  GroupView create(const core::AuthContext& who, const GroupInput& group);
  // Renames the unit and makes `group.members` exactly its people.
  GroupView replace(const core::AuthContext& who, const std::string& id, const GroupInput& group);
  // The unit is removed when nothing names it; Conflict otherwise (people, sub-units, projects).
  void remove(const core::AuthContext& who, const std::string& id);

 private:
  void set_members(const core::AuthContext& who, const std::string& id,
                   const std::vector<std::string>& members);
  std::vector<GroupView> with(std::vector<GroupView> groups, bool members);
};

}  // namespace scim
