#pragma once

#include "db/query.hpp"
#include "kpis/kpi_store.hpp"

namespace kpis {

// A stored split read from a row naming kpi_periods' columns (id, start_index, start_period,
// label, frozen, freeze_until, freeze_until_index): the KPI's store and the programme's effect
// report read the same rows.
StoredPeriod read_period(const db::Row& r);

}  // namespace kpis
