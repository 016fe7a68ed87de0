#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "overview/overview.hpp"

namespace overview {

// The start page's lists, one query each, all in the store's tenant. `person_id` is the
// logged-in account's person.
class OverviewStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // Projects where the person holds a role, by title, with their roles, the next meeting
  // from `now` ("YYYY-MM-DDTHH:MM", local) and what is overdue by `today`; at most `limit`
  // of them. Phase names in `locale`.
  std::vector<MyProject> projects(const std::string& person_id, const std::string& today,
                                  const std::string& now, const std::string& locale,
                                  std::size_t limit);
  // Open action-plan rows, open checklist items and undecided kaizen cards the person is
  // responsible for (unordered; see ordered_tasks). Checklist texts in `locale`.
  std::vector<MyTask> tasks(const std::string& person_id, const std::string& locale);
  // Meetings from `now` on that the person is invited to, or of projects they own or lead.
  std::vector<MyMeeting> meetings(const std::string& person_id, const std::string& now, int limit);
  // KPIs the person owns, and those without an owner in projects they own or lead, whose
  // value for the latest period before `today` is missing.
  std::vector<MyKpi> due_kpis(const std::string& person_id, const std::string& today);
};

// Everything the start page shows for the caller: empty lists when the account is linked
// to no person.
Overview load(soci::session& sql, const core::AuthContext& who, const std::string& locale);

}  // namespace overview
