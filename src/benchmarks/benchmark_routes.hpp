#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "benchmarks/benchmark_store.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "kpis/kpi_routes.hpp"
#include "kpis/kpi_store.hpp"

namespace benchmarks {

// GET/POST /api/v1/indicators, GET/DELETE /api/v1/indicators/{id},
// GET /api/v1/kpis/{id}/benchmark.
void add_api_routes(http::Router& router, db::Database& db);
// /indicators: the catalogue and, for administrators, the form to add one.
void add_pages(http::Router& router, db::Database& db);

// Subscribed to kpis::kpi_saved in the write (app.cpp): a KPI's indicator exists and fits
// it, or the write is refused naming `indicator_id`.
void check_kpi_indicator(soci::session& sql, const kpis::KpiSaved& saved);

// The KPI page's benchmark section and the form's indicator picker (kpis::KpiHooks).
kpis::KpiHooks::PageSection kpi_page_section();
nlohmann::json indicator_choices(soci::session& sql);

// A comparison as the API writes it.
nlohmann::json to_json(const Benchmark& b, const std::string& kpi_id);

}  // namespace benchmarks
