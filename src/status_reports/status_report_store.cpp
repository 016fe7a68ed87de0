#include "status_reports/status_report_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/keyset.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kit/store_rows.hpp"
#include "projects/project_store.hpp"

namespace status_reports {
namespace {

using nlohmann::json;

// The areas, a JSON object of their own shape, are read and bound apart.
const db::Columns<StatusReport>& columns() {
  static const auto c = db::project_table<StatusReport>("status_reports")
                            .text("level", &StatusReport::level)
                            .text("title", &StatusReport::title)
                            .text("issued_on", &StatusReport::issued_on)
                            .text("issued_by", &StatusReport::issued_by)
                            .bound("areas")
                            .text_list("decisions", &StatusReport::decisions)
                            .json("sections", &StatusReport::sections)
                            .text("created_at", &StatusReport::created_at);
  return c;
}

const std::string kSelect = columns().select_joined("r", "r.areas", "");
const std::string kSelectOfProject =
    kSelect + " AND project_id = :project_id ORDER BY issued_on DESC, id DESC";
// The history reads no sections: a report's snapshot can be tens of kilobytes.
constexpr std::string_view kSelectHistory =
    "SELECT id, project_id, level, title, issued_on, issued_by, areas, decisions, '[]' AS "
    "sections, created_at FROM status_reports WHERE tenant_id = :tenant_id AND project_id = "
    ":project_id ORDER BY issued_on DESC, id DESC";
const std::string kSelectPage = kSelect + " AND project_id = :project_id AND " +
                                db::keyset_page("issued_on", "id", db::Order::kDescending);
const std::string kSelectOne = kSelect + " AND id = :id";
// The one before: an earlier day, or the same day and a smaller id.
const std::string kSelectPrevious =
    kSelect +
    " AND project_id = :project_id AND (issued_on < :issued_on OR (issued_on = :issued_on AND id "
    "< :id)) ORDER BY issued_on DESC, id DESC LIMIT 1";
constexpr std::string_view kSelectLatest =
    "SELECT id, project_id, issued_on, areas FROM status_reports WHERE tenant_id = :tenant_id AND "
    "project_id = :project_id ORDER BY issued_on DESC, id DESC LIMIT 1";

json parsed(const db::Row& r, std::string_view column) {
  return json::parse(db::text(r, column), nullptr, false);
}

StatusReport from_row(const db::Row& r) {
  StatusReport s = columns().read(r);
  s.areas = areas_from_json(parsed(r, "areas"));
  return s;
}

std::vector<StatusReport> all(const db::Rows& rows) { return kit::read_rows(rows, from_row); }

}  // namespace

std::vector<StatusReport> StatusReportStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return all(
      db::query(sql_, kSelectOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
}

std::vector<StatusReport> StatusReportStore::history(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return all(
      db::query(sql_, kSelectHistory, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
}

std::vector<StatusReport> StatusReportStore::list(const std::string& project_id,
                                                  const http::Page& page) {
  return kit::project_keyset_page(sql_, kSelectPage, tenant_id_, project_id, page, from_row);
}

StatusReport StatusReportStore::get(const std::string& id) {
  return core::found(all(db::query(sql_, kSelectOne, {{"tenant_id", tenant_id_}, {"id", id}})),
                     "status report", id);
}

StatusReport StatusReportStore::create(const core::AuthContext* who, const std::string& project_id,
                                       const StatusReport& report) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  StatusReport s = report;
  s.id = core::new_id();
  s.project_id = project_id;
  s.issued_by = who && !who->person_id.empty() ? std::optional(who->person_id) : std::nullopt;
  if (s.issued_on.empty()) s.issued_on = who ? who->today() : core::nordic_local_today();
  s.created_at = core::now_iso();
  const std::string areas = areas_json(s.areas).dump();
  db::execute(sql_, columns().insert_sql(),
              columns().args(s, {{"tenant_id", tenant_id_}, {"areas", areas}}));
  audit::record(sql_, tenant_id_, who, "status_report", s.id, "create", nullptr,
                {{"project_id", s.project_id},
                 {"level", s.level},
                 {"title", s.title},
                 {"issued_on", s.issued_on},
                 {"areas", areas_json(s.areas)}});
  tx.commit();
  return s;
}

std::optional<StatusReport> StatusReportStore::previous(const StatusReport& report) {
  auto rows = db::query(sql_, kSelectPrevious,
                        {{"tenant_id", tenant_id_},
                         {"project_id", report.project_id},
                         {"issued_on", report.issued_on},
                         {"id", report.id}});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::vector<Latest> StatusReportStore::latest_of(
    soci::session& sql, const std::vector<std::pair<std::string, std::string>>& projects) {
  std::vector<Latest> out;
  for (const auto& [tenant, project] : projects) {
    auto rows = db::query(sql, kSelectLatest, {{"tenant_id", tenant}, {"project_id", project}});
    if (rows.empty()) continue;
    out.push_back({project, db::text(rows[0], "id"), db::text(rows[0], "issued_on"),
                   areas_from_json(parsed(rows[0], "areas"))});
  }
  return out;
}

}  // namespace status_reports
