#pragma once

#include <soci/soci.h>

#include "jobs/registry.hpp"

namespace overview {

// Once a day, to each person with an address: one mail listing their overdue action rows
// and checklist items, one listing their KPIs missing the latest period's value (the
// start page's lists, judged on the tenant's date at `now`). Through the outbox, so each
// person's preference applies. Returns how many mails were written.
int send_reminders(soci::session& sql, jobs::TimePoint now);

// registry.add_periodic("overview.reminders", one day, send_reminders)
void register_jobs(jobs::Registry& registry);

}  // namespace overview
