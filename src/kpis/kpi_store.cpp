#include "kpis/kpi_store.hpp"

#include <set>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"
#include "projects/project_store.hpp"

namespace kpis {
namespace {

using nlohmann::json;

// The table keeps the fields the API reads and writes, under the same names.
const db::Columns<Kpi>& columns() {
  static const auto c = kpi_fields().columns("kpis");
  return c;
}

// A KPI with its latest measurement (the primary key's index finds it).
const std::string kSelect =
    columns().select_joined(
        "k", "m.period AS last_period, m.value AS last_value, m.period_index AS last_index",
        "LEFT JOIN kpi_measurements m ON m.tenant_id = k.tenant_id AND m.kpi_id = k.id AND "
        "m.period_index = (SELECT MAX(x.period_index) FROM kpi_measurements x WHERE x.tenant_id = "
        "k.tenant_id AND x.kpi_id = k.id)") +
    " AND ";

constexpr std::string_view kMeasurementCount =
    "SELECT COUNT(*) FROM kpi_measurements WHERE tenant_id = :tenant_id AND kpi_id = :kpi_id";

// ON CONFLICT … DO UPDATE works on SQLite (3.24+) and PostgreSQL alike; with the
// primary key it keeps a concurrent double push to one row per period.
constexpr std::string_view kUpsert =
    "INSERT INTO kpi_measurements (tenant_id, kpi_id, period_index, period, value, created_at, "
    "updated_at) VALUES (:tenant_id, :kpi_id, :period_index, :period, :value, :now, :now) "
    "ON CONFLICT (tenant_id, kpi_id, period_index) DO UPDATE SET value = excluded.value, "
    "period = excluded.period, updated_at = excluded.updated_at";

constexpr std::string_view kStoredPeriods =
    "SELECT period_index FROM kpi_measurements WHERE tenant_id = :tenant_id AND kpi_id = :kpi_id";

constexpr std::string_view kPoints =
    "SELECT period_index, value FROM kpi_measurements WHERE tenant_id = :tenant_id AND "
    "kpi_id = :kpi_id ORDER BY period_index";

Kpi from_row(const db::Row& r) {
  Kpi k = columns().read(r);
  if (auto period = db::opt_text(r, "last_period"))
    k.last = LastValue{*period, db::real(r, "last_value"),
                       static_cast<long>(db::integer(r, "last_index"))};
  return k;
}

}  // namespace

void KpiStore::check_owner(const Kpi& k) {
  if (!k.owner_id) return;
  if (!org::PersonStore(sql_, tenant_id_).exists(*k.owner_id))
    throw core::ValidationError("owner_id", "is not a person in this organisation");
}

Kpi KpiStore::create(const core::AuthContext* who, const std::string& project_id, const Kpi& kpi) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  Kpi k = normalised(kpi);
  k.project_id = project_id;
  kit::stamp_new(k);
  k.last.reset();
  check_owner(k);
  kpi_saved().publish(sql_, {tenant_id_, who, k});
  db::execute(sql_, columns().insert_sql(), columns().args(k, {{"tenant_id", tenant_id_}}));
  audit::record(sql_, tenant_id_, who, "kpi", k.id, "create", nullptr, stored_json(k));
  tx.commit();
  return k;
}

std::vector<Kpi> KpiStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return of_project(projects::CheckedProject{project_id});
}

std::vector<Kpi> KpiStore::of_project(const projects::CheckedProject& project) {
  const std::string& project_id = project.id;
  static const std::string q = kSelect + "k.project_id = :project_id ORDER BY k.name, k.id";
  std::vector<Kpi> out;
  auto rows = db::query(sql_, q, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::vector<Kpi> KpiStore::without_baseline(const std::string& project_id) {
  static constexpr std::string_view kWithout =
      "SELECT id, name FROM kpis WHERE tenant_id = :tenant_id AND project_id = :project_id AND "
      "baseline IS NULL ORDER BY name, id";
  std::vector<Kpi> out;
  for (const auto& r :
       db::query(sql_, kWithout, {{"tenant_id", tenant_id_}, {"project_id", project_id}})) {
    Kpi k;
    k.id = db::text(r, "id");
    k.name = db::text(r, "name");
    out.push_back(std::move(k));
  }
  return out;
}

Kpi KpiStore::get(const std::string& id) {
  static const std::string q = kSelect + "k.id = :id";
  auto rows = db::query(sql_, q, {{"tenant_id", tenant_id_}, {"id", id}});
  if (!rows.empty()) return from_row(rows[0]);
  throw core::NotFound("KPI not found");
}

void KpiStore::check_period_kept(const Kpi& before, const Kpi& after) {
  if (after.frequency == before.frequency && after.start_period == before.start_period) return;
  if (db::scalar(sql_, kMeasurementCount, {{"tenant_id", tenant_id_}, {"kpi_id", before.id}}) > 0)
    throw core::ValidationError("frequency", "cannot change once measurements are stored");
}

Kpi KpiStore::update(const core::AuthContext* who, const Kpi& changed, long long expected_version) {
  Kpi before;  // as versioned_update read it before the write
  return kit::versioned_update<Kpi>(
      sql_, tenant_id_, who, "kpi", changed.id, expected_version,
      [&] { return before = get(changed.id); },
      [&](long long version) {
        Kpi k = normalised(changed);
        check_period_kept(before, k);
        check_owner(k);
        kpi_saved().publish(sql_, {tenant_id_, who, k});
        return kit::update_row(sql_, columns(), tenant_id_, k, version);
      },
      stored_json, "the KPI was changed by someone else");
}

PushResult KpiStore::push(const core::AuthContext* who, const Kpi& kpi,
                          const std::vector<Measurement>& rows) {
  db::WriteTx tx(sql_);
  std::set<long> stored = stored_periods(kpi.id);
  auto freq = frequency_of(kpi.frequency);
  std::string now = core::now_iso();
  PushResult result;
  json periods = json::array();
  for (const auto& m : rows) {
    std::string period = format_period(freq, m.period);
    db::execute(sql_, kUpsert,
                {{"tenant_id", tenant_id_},
                 {"kpi_id", kpi.id},
                 {"period_index", static_cast<std::int64_t>(m.period)},
                 {"period", period},
                 {"value", m.value},
                 {"now", now}});
    (stored.count(m.period) ? result.updated : result.created)++;
    if (periods.size() < 100) periods.push_back({{"period", period}, {"value", m.value}});
  }
  audit::record(
      sql_, tenant_id_, who, "kpi_measurements", kpi.id, "update", json::object(),
      {{"created", result.created}, {"updated", result.updated}, {"first_periods", periods}});
  measurements_stored().publish(sql_, {tenant_id_, who, kpi});
  tx.commit();
  return result;
}

db::Event<KpiSaved>& kpi_saved() {
  static db::Event<KpiSaved> event;
  return event;
}

db::Event<MeasurementsStored>& measurements_stored() {
  static db::Event<MeasurementsStored> event;
  return event;
}

std::set<long> KpiStore::stored_periods(const std::string& kpi_id) {
  std::set<long> out;
  auto rows = db::query(sql_, kStoredPeriods, {{"tenant_id", tenant_id_}, {"kpi_id", kpi_id}});
  for (const auto& r : rows) out.insert(static_cast<long>(db::integer(r, "period_index")));
  return out;
}

std::vector<ChartPoint> KpiStore::points(const std::string& kpi_id) {
  std::vector<ChartPoint> out;
  for (const auto& r : db::query(sql_, kPoints, {{"tenant_id", tenant_id_}, {"kpi_id", kpi_id}}))
    out.push_back({static_cast<long>(db::integer(r, "period_index")), db::real(r, "value")});
  return out;
}

std::optional<LastValue> KpiStore::last(const std::string& kpi_id) { return get(kpi_id).last; }

}  // namespace kpis
