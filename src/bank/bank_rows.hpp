#pragma once

#include <string>
#include <string_view>

#include "bank/bank_store.hpp"
#include "db/query.hpp"

// What the bank's reads and its search share: the columns of a listed entry and their reader.
namespace bank {

inline constexpr std::string_view kListedColumns =
    "SELECT e.id, e.tenant_id, e.status, e.current_version, e.title, e.summary, e.method, "
    "e.service_area, e.kle, e.tenant_kind, e.language, e.licence, e.handovers_before, "
    "e.handovers_after, e.lead_time_before, e.lead_time_after, e.published_at, e.updated_at, "
    "t.name AS publisher, (SELECT COUNT(DISTINCT a.tenant_id) FROM bank_adoptions a "
    "WHERE a.entry_id = e.id) AS used_by ";

Listed read_listed(const db::Row& r, const std::string& reader_tenant);

}  // namespace bank
