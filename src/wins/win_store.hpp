#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "kpis/kpi.hpp"
#include "projects/project.hpp"
#include "wins/win.hpp"

namespace wins {

class WinStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's wins, newest first. NotFound when the project is not the tenant's.
  std::vector<Win> of_project(const std::string& project_id);
  std::vector<Win> of_project(const projects::CheckedProject& project);  // not checked again
  // What the project page's card shows: how many wins, and the newest `rows` of them.
  struct Card {
    long long count = 0;
    std::vector<Win> newest;
  };
  Card card(const projects::CheckedProject& project, std::size_t rows);
  // One page of them (limit + 1 rows), keyed by happened_on and id.
  std::vector<Win> list(const std::string& project_id, const http::Page& page);
  Win get(const std::string& id);  // NotFound when not in this tenant
  // A win typed in by a project member (kind, text, happened_on — empty: today — link).
  Win create(const core::AuthContext* who, const std::string& project_id, const Win& win);
  Win update(const core::AuthContext* who, const Win& changed, long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);

  // An automatic win, recorded once per `source_key` ("card:<id>", "kpi:<id>", …):
  // returns the new win, or nullopt when that source has had its win already. Joins
  // the caller's transaction when there is one.
  std::optional<Win> record_once(const core::AuthContext* who, const std::string& project_id,
                                 const Win& win, const std::string& source_key);

 private:
  Win insert(const core::AuthContext* who, const std::string& project_id, const Win& win,
             const std::optional<std::string>& source_key);
};

// For other features (the kaizen board when a card is done, adoption when a step is
// adopted): records a win in the project's log once per `source_key`. Use a key
// naming the source, e.g. "card:" + card id; calling again with the same key does
// nothing and returns nullopt.
std::optional<Win> record_automatic_win(soci::session& sql, const std::string& tenant_id,
                                        const core::AuthContext* who, const std::string& project_id,
                                        const std::string& kind, const core::Message& message,
                                        const std::string& happened_on,
                                        const std::optional<std::string>& link,
                                        const std::string& source_key);

// After measurements were stored: when the KPI's newest value reaches its target for
// the first time, a kpi_target_reached win (key "kpi:<id>"). Its text is a message: each
// reader sees it in their language (the stored text is the
// tenant's default language for the log.
std::optional<Win> check_kpi_target(soci::session& sql, const std::string& tenant_id,
                                    const core::AuthContext* who, const kpis::Kpi& kpi);

// When a kaizen card reaches "done" (key "card:<id>"); the kaizen board calls it
// through its card-done hook.
std::optional<Win> record_card_done(soci::session& sql, const std::string& tenant_id,
                                    const core::AuthContext* who, const std::string& project_id,
                                    const std::string& card_id, const std::string& card_text);

}  // namespace wins
