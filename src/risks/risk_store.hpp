#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "projects/project.hpp"
#include "risks/risk.hpp"

namespace risks {

// One score change of a risk, read from the audit log.
struct ScoreChange {
  std::string at;
  std::string actor;
  nlohmann::json changes;  // {"probability": {"before", "after"}, …}: the scores that changed
};

class RiskStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's risks, oldest first. NotFound when the project is not the tenant's.
  std::vector<Risk> of_project(const std::string& project_id);
  std::vector<Risk> of_project(const projects::CheckedProject& project);  // not checked again
  // What the project page's card shows: the `rows` open risks of the highest score after
  // mitigation (before it, when none is given), ties oldest first, and how many open risks
  // are past their review.
  struct Card {
    std::vector<Risk> top;
    long long overdue = 0;
  };
  Card card(const projects::CheckedProject& project, std::size_t rows);
  // One page of them (limit + 1 rows), keyed by id.
  std::vector<Risk> list(const std::string& project_id, const http::Page& page);
  // The risks of every project of the tenant (the portfolio's heat map).
  std::vector<Risk> of_tenant();
  Risk get(const std::string& id);  // NotFound when not in this tenant
  // ValidationError (owner_id) when the owner is not a person of the tenant.
  Risk create(const core::AuthContext* who, const std::string& project_id, const Risk& fields);
  Risk update(const core::AuthContext* who, const Risk& changed, long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);

  // Turns mitigation number `index` (0-based) or, with no index, what happens now that the
  // risk occurred into an action-plan row (responsible: the risk's owner), and records on
  // the risk which row it became — both or neither. Conflict when it became one already.
  nlohmann::json raise_action(const core::AuthContext* who, const Risk& risk,
                              std::optional<std::size_t> index);

  // The tenant's score bands.
  Bands bands();
  // The changes of the risk's scores, oldest first (its creation included).
  std::vector<ScoreChange> score_history(const std::string& id);

 private:
  void check_owner(const std::optional<std::string>& owner_id);
};

// What the audit log keeps of a risk: its fields without what is derived for a reader.
nlohmann::json audited(const Risk& r);

}  // namespace risks
