#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "arenas/arena.hpp"
#include "core/auth_context.hpp"
#include "db/events.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"

namespace arenas {

class ArenaStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // One page of the tenant's arenas by id (limit + 1 rows), with their teams; `status`
  // narrows it when not empty.
  std::vector<Arena> list(const http::Page& page, const std::string& status = "");
  // One arena with its team, pulse items and log; NotFound outside the tenant.
  Arena get(const std::string& id);
  // A new arena with the pulse programme's items, all open. Forbidden unless `who` is an
  // administrator or manages a unit; ValidationError for a leader or member not of the tenant.
  Arena create(const core::AuthContext* who, const Arena& fields);
  Arena update(const core::AuthContext* who, const Arena& changed, long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);

  // Ticks (or unticks) one pulse item, keeping who and when; NotFound for an unknown item.
  Arena tick(const core::AuthContext* who, const std::string& id, const std::string& item_key,
             bool done);
  // Writes down what was tried and its result (logged_on default today).
  Arena add_log(const core::AuthContext* who, const std::string& id, const LogEntry& entry);
  // Records the project the arena grew into; Conflict when it has grown already.
  Arena link_project(const core::AuthContext* who, const std::string& id,
                     const std::string& project_id);

 private:
  Arena read_team(Arena a);
  void check_people(const Arena& a);
};

// Whether `who` may start arenas: administrators and the managers of units.
bool may_create(soci::session& sql, const core::AuthContext& who);

// An arena started from a signal has news for its submitter (reports_back), published
// inside the change's transaction: the signal's history and mail follow (src/app/app.cpp)
// without the arenas knowing the signals.
using OutcomeReported = db::Written<Arena>;
db::Event<OutcomeReported>& outcome_reported();

enum class ArenaRight { kEdit, kWork };  // see may_edit and may_work
// The arena `id` of the tenant (NotFound first), once `who` holds `right` on it (Forbidden).
Arena require_arena(ArenaStore& store, const std::string& id, const core::AuthContext& who,
                    ArenaRight right);

}  // namespace arenas
