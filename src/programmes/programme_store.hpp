#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "programmes/programme.hpp"

namespace programmes {

// Programmes as one tenant (the viewer) sees them: its own and those of the
// umbrella organisations it has joined. Anything else is NotFound. Writes go to
// the programme's owner; rights are checked by the caller (programme.hpp). The store's
// tenant is the viewer.
class ProgrammeStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  std::vector<Programme> page(const std::string& after, int limit);
  std::vector<Programme> list(const http::Page& p) { return page(p.after, p.limit); }
  Programme get(const std::string& id);
  // Owned by the viewer's tenant, with the clusters and tracks named in `fields`.
  Programme create(const core::AuthContext* who, const Programme& fields);
  Programme create(const core::AuthContext* who, const ProgrammeFields& fields);
  Programme update(const core::AuthContext* who, const Programme& changed,
                   long long expected_version);
  // The programme goes; its projects stay with their tenants, only detached.
  void remove(const core::AuthContext* who, const std::string& id);

  Group add_group(const core::AuthContext* who, const Programme& programme, GroupKind kind,
                  const std::string& name);
  Group rename_group(const core::AuthContext* who, const Programme& programme, GroupKind kind,
                     const std::string& group_id, const std::string& name);
  // Projects in a removed cluster stay in the programme without a cluster.
  void remove_group(const core::AuthContext* who, const Programme& programme, GroupKind kind,
                    const std::string& group_id);

  std::vector<AttachedProject> projects(const Programme& programme);
  std::optional<AttachedProject> attached(const Programme& programme,
                                          const std::string& project_id);
  // Attaches a project of the viewer's own tenant (the caller checked it exists
  // and may be attached). Conflict when it is attached already.
  AttachedProject attach(const core::AuthContext* who, const Programme& programme,
                         const std::string& project_id, const Placement& placement);
  AttachedProject place(const core::AuthContext* who, const Programme& programme,
                        const std::string& project_id, const Placement& placement);
  void detach(const core::AuthContext* who, const Programme& programme,
              const std::string& project_id);

 private:
  std::vector<Group> groups(const std::string& owner, const std::string& programme_id,
                            GroupKind kind);
  std::vector<AttachedProject> load_attached(const Programme& programme,
                                             const std::string& project_id);
  void insert_group(const std::string& owner, const std::string& programme_id, GroupKind kind,
                    const std::string& name, const std::string& id, const std::string& now);
  void save_tracks(const Programme& programme, const std::string& project_id,
                   const std::vector<std::string>& track_ids);
  void record_attachment(const core::AuthContext* who, const Programme& programme,
                         const std::string& project_tenant_id, const std::string& project_id,
                         const std::string& action, const nlohmann::json& before,
                         const nlohmann::json& after);
};

}  // namespace programmes
