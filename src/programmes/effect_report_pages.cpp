// The effect report in the browser: a page printable on A4 (as the status reports' page), its
// PDF, and the summary on the programme's page.
#include "kit/pages.hpp"
#include "programmes/effect_routes.hpp"
#include "programmes/effect_store.hpp"
#include "programmes/effect_view.hpp"
#include "programmes/programme_store.hpp"
#include "status_reports/report_render.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace programmes::effects {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Response report_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto loaded = load(*sql, req);
  auto view = web::base_view(req);
  view["programme"] = {{"id", loaded.programme.id}, {"title", loaded.programme.title}};
  view["css"] = web::render_template("status_reports/print_css", json::object()) +
                web::render_template("programmes/effect_report_css", json::object());
  view["body"] = report_body(loaded, req.locale);
  return web::page(req, "programmes/effect_report", view, {"effect_report_title", "programmes"});
}

Response report_pdf(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto loaded = load(*sql, req);
  auto pdf = status_reports::html_to_pdf(standalone_html(loaded, req.locale));
  if (!pdf)
    return web::error_page(req, {.status = 503,
                                 .code = "pdf_unavailable",
                                 .message = "PDF needs Chromium on the server",
                                 .key = core::Message{"effect_report_pdf_unavailable"}});
  return Response::attachment("application/pdf", std::move(*pdf), file_name(loaded, "pdf"));
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/programmes/{id}/effect-report", report_page,
                         "The programme's effect report, printable on A4"},
                        {"GET", "/programmes/{id}/effect-report.pdf", report_pdf,
                         "The programme's effect report as PDF (503 without Chromium)"}});
}

PageSections page_sections() {
  return {[](soci::session& sql, const Request& req, const std::vector<AttachedProject>& attached) {
            ProgrammeStore store(sql, req.who().tenant_id);
            const auto programme = store.get(req.param("id"));
            const auto report =
                build_report(programme, attached, read_rows(sql, programme), req.who().today());
            return web::render_template("programmes/effect_report_css", json::object()) +
                   web::render_template("programmes/effect_section",
                                        summary_view(programme, report, req.locale));
          },
          {}};
}

}  // namespace programmes::effects
