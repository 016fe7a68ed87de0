#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include "db/database.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "programmes/effect_report.hpp"
#include "programmes/page_sections.hpp"

namespace programmes::effects {

// A programme's effect report as the caller reads it: the programme of the address's {id}
// as the caller's tenant sees it (NotFound otherwise, before anything else is read) and the
// report of its attached projects for the caller's today.
struct Loaded {
  Programme programme;
  EffectReport report;
  std::string today;
};
Loaded load(soci::session& sql, const http::Request& req);

// The printable report: its body, and a standalone A4 file (print CSS inlined, no assets).
std::string report_body(const Loaded& loaded, const std::string& locale);
std::string standalone_html(const Loaded& loaded, const std::string& locale);
// "effect-report-2026-12-07.pdf"
std::string file_name(const Loaded& loaded, const std::string& extension);

// GET /api/v1/programmes/{id}/effect-report (JSON, or ?format=pdf) and …/effect-report.pdf.
void add_api_routes(http::Router& router, db::Database& db);
// /programmes/{id}/effect-report (printable) and /programmes/{id}/effect-report.pdf.
void add_pages(http::Router& router, db::Database& db);
// The effect summary on the programme's page.
PageSections page_sections();

}  // namespace programmes::effects
