// The splits of a KPI's run chart, stored per KPI.
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kpis/kpi_store.hpp"

namespace kpis {
namespace {

constexpr std::string_view kPeriods =
    "SELECT id, start_index, start_period, label, frozen, freeze_until, freeze_until_index "
    "FROM kpi_periods WHERE tenant_id = :tenant_id AND kpi_id = :kpi_id ORDER BY start_index";

constexpr std::string_view kInsertPeriod =
    "INSERT INTO kpi_periods (tenant_id, id, kpi_id, start_index, start_period, label, frozen, "
    "freeze_until, freeze_until_index, created_at) VALUES (:tenant_id, :id, :kpi_id, "
    ":start_index, :start_period, :label, :frozen, :freeze_until, :freeze_until_index, :now)";

constexpr std::string_view kDeletePeriod =
    "DELETE FROM kpi_periods WHERE tenant_id = :tenant_id AND kpi_id = :kpi_id AND id = :id";

}  // namespace

nlohmann::json to_json(const StoredPeriod& p) {
  return {{"id", p.id},
          {"start", p.start},
          {"label", p.split.label},
          {"frozen", p.split.frozen},
          {"freeze_until", p.freeze_until ? nlohmann::json(*p.freeze_until) : nlohmann::json()}};
}

std::vector<StoredPeriod> KpiStore::periods(const std::string& kpi_id) {
  std::vector<StoredPeriod> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << kPeriods, soci::use(tenant_id_, "tenant_id"), soci::use(kpi_id, "kpi_id"));
  for (const auto& r : rows) {
    StoredPeriod p;
    p.id = db::text(r, "id");
    p.start = db::text(r, "start_period");
    p.freeze_until = db::opt_text(r, "freeze_until");
    p.split.start = static_cast<long>(db::integer(r, "start_index"));
    p.split.label = db::text(r, "label");
    p.split.frozen = db::integer(r, "frozen") != 0;
    if (r.get_indicator("freeze_until_index") != soci::i_null)
      p.split.freeze_until = static_cast<long>(db::integer(r, "freeze_until_index"));
    out.push_back(std::move(p));
  }
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
  db::NullableText until(p.freeze_until);
  long long until_index = input.freeze_until.value_or(0);
  soci::indicator until_ind = input.freeze_until ? soci::i_ok : soci::i_null;
  long long start_index = input.start;
  int frozen = input.frozen ? 1 : 0;
  std::string now = core::now_iso();
  sql_ << kInsertPeriod, soci::use(tenant_id_, "tenant_id"), soci::use(p.id, "id"),
      soci::use(kpi.id, "kpi_id"), soci::use(start_index, "start_index"),
      soci::use(p.start, "start_period"), soci::use(p.split.label, "label"),
      soci::use(frozen, "frozen"), soci::use(until.value, until.ind, "freeze_until"),
      soci::use(until_index, until_ind, "freeze_until_index"), soci::use(now, "now");
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
  sql_ << kDeletePeriod, soci::use(tenant_id_, "tenant_id"), soci::use(kpi.id, "kpi_id"),
      soci::use(period_id, "id");
  nlohmann::json audited = to_json(*found);
  audited["kpi_id"] = kpi.id;
  audit::record(sql_, tenant_id_, who, "kpi_period", period_id, "delete", audited, nullptr);
  tx.commit();
}

}  // namespace kpis
