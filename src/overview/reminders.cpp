#include "overview/reminders.hpp"

#include <string_view>

#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "mail/outbox_store.hpp"
#include "overview/overview_store.hpp"
#include "web/public_url.hpp"

namespace overview {
namespace {

// Only people who may have something to be reminded of: open rows with a deadline before
// `latest` (the latest "today" of any zone), KPIs they own or answer for as owner or leader.
constexpr std::string_view kPeople =
    "SELECT p.tenant_id, p.id, t.time_zone FROM people p JOIN tenants t ON t.id = p.tenant_id "
    "WHERE p.active = 1 AND p.email IS NOT NULL AND p.email <> '' AND ("
    "EXISTS (SELECT 1 FROM actions a WHERE a.tenant_id = p.tenant_id AND a.responsible_id = p.id "
    "AND a.status IN ('not_started', 'in_progress') AND a.deadline < :latest) OR "
    "EXISTS (SELECT 1 FROM checklist_items c WHERE c.tenant_id = p.tenant_id AND "
    "c.responsible_id = p.id AND c.status = 'open' AND c.due_date < :latest) OR "
    "EXISTS (SELECT 1 FROM kpis k WHERE k.tenant_id = p.tenant_id AND k.owner_id = p.id) OR "
    "EXISTS (SELECT 1 FROM kpis k JOIN project_roles r ON r.tenant_id = k.tenant_id AND "
    "r.project_id = k.project_id WHERE k.tenant_id = p.tenant_id AND k.owner_id IS NULL AND "
    "r.person_id = p.id AND r.role IN ('owner', 'project_leader'))) "
    "ORDER BY p.tenant_id, p.id";

struct Reminder {
  std::string kind;
  std::vector<std::string> items;
  std::string link;
};

// One mail of `kind` listing `items`, in the person's language.
bool remind(soci::session& sql, const std::string& tenant_id, const mail::Recipient& to,
            const Reminder& r) {
  if (r.items.empty()) return false;
  std::string items;
  for (const auto& item : r.items) items += "- " + item + "\n";
  return mail::notify(
             sql, tenant_id, to, r.kind,
             {{"count", r.items.size()}, {"items", items}, {"link", web::public_url() + r.link}})
      .has_value();
}

int remind_person(soci::session& sql, const std::string& tenant_id, const std::string& person_id,
                  const std::string& today) {
  auto to = mail::recipient(sql, tenant_id, person_id);
  if (!to) return 0;
  OverviewStore store(sql, tenant_id);
  Reminder overdue{"actions_overdue", {}, "/my-actions"};
  for (auto& task : store.tasks(person_id, to->locale)) {
    if (is_overdue(task, today))
      overdue.items.push_back(task.text + " (" + task.project_title + ", " + *task.due + ")");
  }
  Reminder kpis{"kpis_due", {}, "/overview"};
  for (const auto& kpi : store.due_kpis(person_id, today))
    kpis.items.push_back(kpi.name + " (" + kpi.project_title + ")");
  db::WriteTx tx(sql);
  int written =
      (remind(sql, tenant_id, *to, overdue) ? 1 : 0) + (remind(sql, tenant_id, *to, kpis) ? 1 : 0);
  tx.commit();
  return written;
}

}  // namespace

int send_reminders(soci::session& sql, jobs::TimePoint now) {
  int written = 0;
  auto latest = core::to_iso(now + std::chrono::hours(24)).substr(0, 10);
  for (const auto& r : db::query(sql, kPeople, {{"latest", latest}})) {
    auto today =
        core::format_local(core::local_time(core::time_zone(db::text(r, "time_zone")), now))
            .substr(0, 10);
    written += remind_person(sql, db::text(r, "tenant_id"), db::text(r, "id"), today);
  }
  return written;
}

void register_jobs(jobs::Registry& registry) {
  registry.add_periodic("overview.reminders", std::chrono::hours(24), send_reminders);
}

}  // namespace overview
