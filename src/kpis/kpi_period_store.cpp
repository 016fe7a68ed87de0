// The splits of a KPI's run chart, stored per KPI.
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kpis/kpi_store.hpp"
#include "kpis/period_row.hpp"

namespace kpis {
namespace {

constexpr std::string_view kPeriods =
    "SELECT id, start_index, start_period, label, frozen, freeze_until, freeze_until_index "
    "FROM kpi_periods WHERE tenant_id = :tenant_id AND kpi_id = :kpi_id ORDER BY start_index";

// Every KPI's points and periods of a project, for its list (two queries, not two per KPI);
// IN (…) keeps the measurements' key in use, where a join read the tenant's measurements.
constexpr std::string_view kProjectPoints =
    "SELECT kpi_id, period_index, value FROM kpi_measurements WHERE tenant_id = :tenant_id AND "
    "kpi_id IN (SELECT id FROM kpis WHERE tenant_id = :tenant_id AND project_id = :project_id) "
    "ORDER BY kpi_id, period_index";
constexpr std::string_view kProjectPeriods =
    "SELECT kpi_id, id, start_index, start_period, label, frozen, freeze_until, "
    "freeze_until_index FROM kpi_periods WHERE tenant_id = :tenant_id AND kpi_id IN (SELECT id "
    "FROM kpis WHERE tenant_id = :tenant_id AND project_id = :project_id) ORDER BY kpi_id, "
    "start_index";

constexpr std::string_view kInsertPeriod =
    "INSERT INTO kpi_periods (tenant_id, id, kpi_id, start_index, start_period, label, frozen, "
    "freeze_until, freeze_until_index, created_at) VALUES (:tenant_id, :id, :kpi_id, "
    ":start_index, :start_period, :label, :frozen, :freeze_until, :freeze_until_index, :now)";

constexpr std::string_view kDeletePeriod =
    "DELETE FROM kpi_periods WHERE tenant_id = :tenant_id AND kpi_id = :kpi_id AND id = :id";

}  // namespace

StoredPeriod read_period(const db::Row& r) {
  StoredPeriod p;
  p.id = db::text(r, "id");
  p.start = db::text(r, "start_period");
  p.freeze_until = db::opt_text(r, "freeze_until");
  p.split.start = static_cast<long>(db::integer(r, "start_index"));
  p.split.label = db::text(r, "label");
  p.split.frozen = db::integer(r, "frozen") != 0;
  if (!r.is_null("freeze_until_index"))
    p.split.freeze_until = static_cast<long>(db::integer(r, "freeze_until_index"));
  return p;
}

nlohmann::json to_json(const StoredPeriod& p) {
  return {{"id", p.id},
          {"start", p.start},
          {"label", p.split.label},
          {"frozen", p.split.frozen},
          {"freeze_until", p.freeze_until ? nlohmann::json(*p.freeze_until) : nlohmann::json()}};
}

std::vector<StoredPeriod> KpiStore::periods(const std::string& kpi_id) {
  std::vector<StoredPeriod> out;
  for (const auto& r : db::query(sql_, kPeriods, {{"tenant_id", tenant_id_}, {"kpi_id", kpi_id}}))
    out.push_back(read_period(r));
  return out;
}

ProjectCharts KpiStore::charts_of_project(const std::string& project_id) {
  ProjectCharts out;
  const std::initializer_list<db::Arg> args = {{"tenant_id", tenant_id_},
                                               {"project_id", project_id}};
  for (const auto& r : db::query(sql_, kProjectPoints, args))
    out.points[db::text(r, "kpi_id")].push_back(
        {static_cast<long>(db::integer(r, "period_index")), db::real(r, "value")});
  for (const auto& r : db::query(sql_, kProjectPeriods, args))
    out.periods[db::text(r, "kpi_id")].push_back(read_period(r));
  return out;
}

StoredPeriod KpiStore::add_period(const core::AuthContext* who, const Kpi& kpi,
                                  const ChartPeriodInput& input) {
  db::WriteTx tx(sql_);
  auto freq = frequency_of(kpi.frequency);
  for (const auto& p : periods(kpi.id))
    if (p.split.start == input.start)
      throw core::ValidationError("start",
                                  core::Message{"err.period_taken", {{"period", p.start}}});
  StoredPeriod p;
  p.id = core::new_id();
  p.split = {input.start, input.label, input.frozen, input.freeze_until};
  p.start = format_period(freq, input.start);
  if (input.freeze_until) p.freeze_until = format_period(freq, *input.freeze_until);
  db::Arg::Value until_index;
  if (input.freeze_until) until_index = static_cast<std::int64_t>(*input.freeze_until);
  db::execute(sql_, kInsertPeriod,
              {{"tenant_id", tenant_id_},
               {"id", p.id},
               {"kpi_id", kpi.id},
               {"start_index", static_cast<std::int64_t>(input.start)},
               {"start_period", p.start},
               {"label", p.split.label},
               {"frozen", input.frozen ? 1 : 0},
               {"freeze_until", p.freeze_until},
               {"freeze_until_index", until_index},
               {"now", core::now_iso()}});
  nlohmann::json audited = to_json(p);
  audited["kpi_id"] = kpi.id;
  audit::record(sql_, tenant_id_, who, "kpi_period", p.id, "create", nullptr, audited);
  tx.commit();
  return p;
}

void KpiStore::remove_period(const core::AuthContext* who, const Kpi& kpi,
                             const std::string& period_id) {
  db::WriteTx tx(sql_);
  std::optional<StoredPeriod> found;
  for (auto& p : periods(kpi.id))
    if (p.id == period_id) found = p;
  if (!found) throw core::NotFound("chart period not found");
  db::execute(sql_, kDeletePeriod,
              {{"tenant_id", tenant_id_}, {"kpi_id", kpi.id}, {"id", period_id}});
  nlohmann::json audited = to_json(*found);
  audited["kpi_id"] = kpi.id;
  audit::record(sql_, tenant_id_, who, "kpi_period", period_id, "delete", audited, nullptr);
  tx.commit();
}

}  // namespace kpis
