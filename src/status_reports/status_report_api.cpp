// Status reports as JSON API on the kit, and the report as a standalone HTML file and a PDF.
#include <optional>
#include <utility>

#include "http/error_mapping.hpp"
#include "kit/resource.hpp"
#include "kit/routes.hpp"
#include "status_reports/issue.hpp"
#include "status_reports/report_render.hpp"
#include "status_reports/status_report_routes.hpp"
#include "status_reports/status_report_store.hpp"

namespace status_reports {
namespace {

using http::Request;
using http::Response;
using Loaded = std::pair<StatusReport, kit::ProjectScope>;

// The report's standalone document in the reader's language.
std::string standalone(const StatusReport& r, const kit::ProjectScope& scope, const Request& req) {
  return standalone_html(report_view(r, scope.project().title, req.locale), req.locale);
}

Response html_file(const StatusReport& r, const kit::ProjectScope& scope, const Request& req) {
  return Response::attachment("text/html; charset=utf-8", standalone(r, scope, req),
                              download_name(r, "html"));
}

Response pdf_file(const StatusReport& r, const kit::ProjectScope& scope, const Request& req) {
  auto pdf = html_to_pdf(standalone(r, scope, req));
  if (!pdf)
    return http::json_error({.status = 503,
                             .code = "pdf_unavailable",
                             .message = "PDF needs Chromium on the server (Debian package "
                                        "chromium); the report is available as HTML"});
  return Response::attachment("application/pdf", std::move(*pdf), download_name(r, "pdf"));
}

// GET /api/v1/status-reports/{id}<suffix>: the report loaded (NotFound first) and read.
kit::Handle file_route(Response (*make)(const StatusReport&, const kit::ProjectScope&,
                                        const Request&)) {
  return [make](db::Database& db, const Request& req) {
    auto sql = db.lease();
    auto [report, scope] = kit::load<StatusReport, StatusReportStore>(*sql, req, req.param("id"));
    scope.require(kit::ProjectRight::kRead);
    return make(report, scope, req);
  };
}

// The report against ?with= (another report of the same project) or the one before it.
Response compared(const StatusReport& r, const kit::ProjectScope& scope, Request& req) {
  StatusReportStore store(scope.sql(), scope.tenant_id());
  std::optional<StatusReport> other;
  if (auto with = req.query_param("with")) {
    other = store.get(*with);
    if (other->project_id != r.project_id)
      throw core::NotFound("no status report with id " + *with + " in this project");
  } else {
    other = store.previous(r);
  }
  if (!other) throw core::NotFound("no status report before " + r.id);
  bool other_older = std::pair(other->issued_on, other->id) < std::pair(r.issued_on, r.id);
  return Response::json(200, other_older ? compare(*other, r) : compare(r, *other));
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db, Providers providers) {
  auto shared = std::make_shared<const Providers>(std::move(providers));
  kit::add_api_routes(
      router, db,
      kit::Resource<StatusReport, StatusReportStore>{
          .plural = "status-reports",
          .schema = "StatusReport",
          .noun = "status report",
          .fields = report_fields(),
          .cursor_key = "issued_on",
          .create_from =
              [shared](const kit::ProjectScope& scope, core::Input& input) {
                return std::optional(issue(scope, input, *shared));
              },
          .actions = {kit::read_action<StatusReport>(
              "comparison",
              "The report side by side with an older one of its project: ?with={id}, by default "
              "the one issued before it (404 when there is none)",
              "", compared)}});
  kit::add_routes(router, db,
                  {{"GET",
                    "/api/v1/status-reports/{id}.html",
                    http::Access::kAuthenticated,
                    file_route(html_file),
                    {"The report as a standalone HTML file (CSS inlined, for A4)", "status-reports",
                     "", "", false, 200, "text/html"}},
                   {"GET",
                    "/api/v1/status-reports/{id}.pdf",
                    http::Access::kAuthenticated,
                    file_route(pdf_file),
                    {"The report as PDF, printed on the server by headless Chromium (503 without "
                     "it)",
                     "status-reports", "", "", false, 200, "application/pdf"}}});
}

}  // namespace status_reports
