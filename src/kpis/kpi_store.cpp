#include "kpis/kpi_store.hpp"

#include <set>
#include <string_view>

#include <soci/sqlite3/soci-sqlite3.h>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"
#include "projects/project_store.hpp"

namespace kpis {
namespace {

using nlohmann::json;

// A KPI with its latest measurement (the primary key's index finds it).
constexpr std::string_view kSelect =
    "SELECT k.id, k.project_id, k.name, k.definition, k.unit, k.direction, k.baseline, "
    "k.target, k.frequency, k.start_period, k.level, k.category, k.owner_id, k.map_id, "
    "k.element_id, k.rule_set, k.version, k.created_at, k.updated_at, m.period AS last_period, "
    "m.value AS last_value, m.period_index AS last_index FROM kpis k LEFT JOIN kpi_measurements m "
    "ON m.tenant_id = k.tenant_id AND m.kpi_id = k.id AND m.period_index = (SELECT "
    "MAX(x.period_index) FROM kpi_measurements x WHERE x.tenant_id = k.tenant_id AND x.kpi_id = "
    "k.id) WHERE k.tenant_id = :tenant_id AND ";

constexpr std::string_view kInsert =
    "INSERT INTO kpis (tenant_id, id, project_id, name, definition, unit, direction, baseline, "
    "target, frequency, start_period, level, category, owner_id, map_id, element_id, rule_set, "
    "version, created_at, updated_at) VALUES (:tenant_id, :id, :project_id, :name, :definition, "
    ":unit, :direction, :baseline, :target, :frequency, :start_period, :level, :category, "
    ":owner_id, :map_id, :element_id, :rule_set, 1, :created_at, :updated_at)";

constexpr std::string_view kUpdate =
    "UPDATE kpis SET name = :name, definition = :definition, unit = :unit, direction = "
    ":direction, baseline = :baseline, target = :target, frequency = :frequency, start_period = "
    ":start_period, level = :level, category = :category, owner_id = :owner_id, map_id = "
    ":map_id, element_id = :element_id, rule_set = :rule_set, version = version + 1, "
    "updated_at = :updated_at WHERE tenant_id = :tenant_id AND id = :id AND version = :version";

constexpr std::string_view kMeasurementCount =
    "SELECT COUNT(*) FROM kpi_measurements WHERE tenant_id = :tenant_id AND kpi_id = :kpi_id";

// ON CONFLICT … DO UPDATE works on SQLite (3.24+) and PostgreSQL alike; with the
// primary key it keeps a concurrent double push to one row per period.
constexpr std::string_view kUpsert =
    "INSERT INTO kpi_measurements (tenant_id, kpi_id, period_index, period, value, created_at, "
    "updated_at) VALUES (:tenant_id, :kpi_id, :period_index, :period, :value, :now, :now2) "
    "ON CONFLICT (tenant_id, kpi_id, period_index) DO UPDATE SET value = excluded.value, "
    "period = excluded.period, updated_at = excluded.updated_at";

constexpr std::string_view kStoredPeriods =
    "SELECT period_index FROM kpi_measurements WHERE tenant_id = :tenant_id AND kpi_id = :kpi_id";

constexpr std::string_view kPoints =
    "SELECT period_index, value FROM kpi_measurements WHERE tenant_id = :tenant_id AND "
    "kpi_id = :kpi_id ORDER BY period_index";

constexpr std::string_view kPersonExists =
    "SELECT COUNT(*) FROM people WHERE tenant_id = :tenant_id AND id = :id";

// SQLite reports a REAL column that holds a whole number as an integer.
double number(const soci::row& r, const std::string& column) {
  switch (r.get_properties(column).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(column);
    case soci::dt_string:
      return std::stod(r.get<std::string>(column));
    default:
      return static_cast<double>(db::integer(r, column));
  }
}

std::optional<double> opt_number(const soci::row& r, const std::string& column) {
  if (r.get_indicator(column) == soci::i_null) return std::nullopt;
  return number(r, column);
}

struct NullableNumber {
  double value;
  soci::indicator ind;
  explicit NullableNumber(const std::optional<double>& v)
      : value(v.value_or(0)), ind(v ? soci::i_ok : soci::i_null) {}
};

Kpi from_row(const soci::row& r) {
  Kpi k;
  k.id = db::text(r, "id");
  k.project_id = db::text(r, "project_id");
  k.name = db::text(r, "name");
  k.definition = db::text(r, "definition");
  k.unit = db::text(r, "unit");
  k.direction = db::text(r, "direction");
  k.baseline = opt_number(r, "baseline");
  k.target = opt_number(r, "target");
  k.frequency = db::text(r, "frequency");
  k.start_period = db::opt_text(r, "start_period");
  k.level = db::text(r, "level");
  k.category = db::text(r, "category");
  k.owner_id = db::opt_text(r, "owner_id");
  k.map_id = db::opt_text(r, "map_id");
  k.element_id = db::opt_text(r, "element_id");
  k.rule_set = db::text(r, "rule_set");
  k.version = db::integer(r, "version");
  k.created_at = db::text(r, "created_at");
  k.updated_at = db::text(r, "updated_at");
  if (auto period = db::opt_text(r, "last_period"))
    k.last = LastValue{*period, number(r, "last_value"),
                       static_cast<long>(db::integer(r, "last_index"))};
  return k;
}

// The values of a KPI's columns, bound by name to an INSERT or UPDATE.
struct Bound {
  explicit Bound(const Kpi& k)
      : baseline(k.baseline),
        target(k.target),
        start(k.start_period),
        owner(k.owner_id),
        map(k.map_id),
        element(k.element_id) {}
  NullableNumber baseline, target;
  db::NullableText start, owner, map, element;
};

void bind_fields(soci::details::prepare_temp_type& st, const Kpi& k, Bound& b) {
  st, soci::use(k.name, "name"), soci::use(k.definition, "definition"), soci::use(k.unit, "unit"),
      soci::use(k.direction, "direction"), soci::use(b.baseline.value, b.baseline.ind, "baseline"),
      soci::use(b.target.value, b.target.ind, "target"), soci::use(k.frequency, "frequency"),
      soci::use(b.start.value, b.start.ind, "start_period"), soci::use(k.level, "level"),
      soci::use(k.category, "category"), soci::use(b.owner.value, b.owner.ind, "owner_id"),
      soci::use(b.map.value, b.map.ind, "map_id"),
      soci::use(b.element.value, b.element.ind, "element_id"), soci::use(k.rule_set, "rule_set"),
      soci::use(k.updated_at, "updated_at");
}

}  // namespace

void KpiStore::check_owner(const Kpi& k) {
  if (!k.owner_id) return;
  int n = 0;
  sql_ << kPersonExists, soci::use(tenant_id_, "tenant_id"), soci::use(*k.owner_id, "id"),
      soci::into(n);
  if (n == 0) throw core::ValidationError("owner_id", "is not a person in this organisation");
}

Kpi KpiStore::create(const core::AuthContext* who, const std::string& project_id, const Kpi& kpi) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).get(project_id);
  Kpi k = normalised(kpi);
  k.id = core::new_id();
  k.project_id = project_id;
  k.version = 1;
  k.created_at = k.updated_at = core::now_iso();
  k.last.reset();
  check_owner(k);
  Bound bound(k);
  auto st = (sql_.prepare << kInsert, soci::use(tenant_id_, "tenant_id"), soci::use(k.id, "id"),
             soci::use(k.project_id, "project_id"), soci::use(k.created_at, "created_at"));
  bind_fields(st, k, bound);
  soci::statement insert(st);
  insert.execute(true);
  audit::record(sql_, tenant_id_, who, "kpi", k.id, "create", nullptr, stored_json(k));
  tx.commit();
  return k;
}

std::vector<Kpi> KpiStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).get(project_id);
  std::string q = std::string(kSelect) + "k.project_id = :project_id ORDER BY k.name, k.id";
  std::vector<Kpi> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id"));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

Kpi KpiStore::get(const std::string& id) {
  std::string q = std::string(kSelect) + "k.id = :id";
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"));
  for (const auto& r : rows) return from_row(r);
  throw core::NotFound("KPI not found");
}

void KpiStore::check_period_kept(const Kpi& before, const Kpi& after) {
  if (after.frequency == before.frequency && after.start_period == before.start_period) return;
  int n = 0;
  sql_ << kMeasurementCount, soci::use(tenant_id_, "tenant_id"), soci::use(before.id, "kpi_id"),
      soci::into(n);
  if (n > 0) throw core::ValidationError("frequency", "cannot change once measurements are stored");
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
        k.updated_at = core::now_iso();
        Bound bound(k);
        auto st = (sql_.prepare << kUpdate, soci::use(tenant_id_, "tenant_id"),
                   soci::use(k.id, "id"), soci::use(version, "version"));
        bind_fields(st, k, bound);
        soci::statement update(st);
        return kit::changed_rows(update);
      },
      stored_json, "the KPI was changed by someone else");
}

PushResult KpiStore::push(const core::AuthContext* who, const Kpi& kpi,
                          const std::vector<Measurement>& rows) {
  db::WriteTx tx(sql_);
  std::set<long> stored = stored_periods(kpi.id);
  auto freq = frequency_of(kpi.frequency);
  std::string now = core::now_iso();
  long long index = 0;
  std::string period;
  double value = 0;
  soci::statement st =
      (sql_.prepare << kUpsert, soci::use(tenant_id_, "tenant_id"), soci::use(kpi.id, "kpi_id"),
       soci::use(index, "period_index"), soci::use(period, "period"), soci::use(value, "value"),
       soci::use(now, "now"), soci::use(now, "now2"));
  PushResult result;
  json periods = json::array();
  for (const auto& m : rows) {
    index = m.period;
    period = format_period(freq, m.period);
    value = m.value;
    st.execute(true);
    (stored.count(m.period) ? result.updated : result.created)++;
    if (periods.size() < 100) periods.push_back({{"period", period}, {"value", value}});
  }
  audit::record(
      sql_, tenant_id_, who, "kpi_measurements", kpi.id, "update", json::object(),
      {{"created", result.created}, {"updated", result.updated}, {"first_periods", periods}});
  measurements_stored().publish(sql_, {tenant_id_, who, kpi});
  tx.commit();
  return result;
}

db::Event<MeasurementsStored>& measurements_stored() {
  static db::Event<MeasurementsStored> event;
  return event;
}

std::set<long> KpiStore::stored_periods(const std::string& kpi_id) {
  std::set<long> out;
  soci::rowset<soci::row> rows = (sql_.prepare << kStoredPeriods,
                                  soci::use(tenant_id_, "tenant_id"), soci::use(kpi_id, "kpi_id"));
  for (const auto& r : rows) out.insert(static_cast<long>(db::integer(r, "period_index")));
  return out;
}

std::vector<ChartPoint> KpiStore::points(const std::string& kpi_id) {
  std::vector<ChartPoint> out;
  if (sql_.get_backend_name() == "sqlite3") {
    // SQLite directly: soci's row cache costs three times the query on a long chart
    // (docs/performance.md). The same statement; values read as SQLite stores them.
    using namespace sqlite_api;  // soci declares the SQLite C API there
    auto* backend = static_cast<soci::sqlite3_session_backend*>(sql_.get_backend());
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(backend->conn_, kPoints.data(), static_cast<int>(kPoints.size()), &st,
                           nullptr) != SQLITE_OK) {
      sqlite3_finalize(st);
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(backend->conn_));
    }
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":tenant_id"), tenant_id_.data(),
                      static_cast<int>(tenant_id_.size()), SQLITE_STATIC);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":kpi_id"), kpi_id.data(),
                      static_cast<int>(kpi_id.size()), SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
      out.push_back({static_cast<long>(sqlite3_column_int64(st, 0)), sqlite3_column_double(st, 1)});
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw std::runtime_error("sqlite: reading the KPI's points failed");
    return out;
  }
  // Fetched in batches into vectors: a row object per point costs more than the rules.
  constexpr std::size_t kBatch = 2000;
  std::vector<long long> index(kBatch);
  std::vector<double> value(kBatch);
  soci::statement st = (sql_.prepare << kPoints, soci::use(tenant_id_, "tenant_id"),
                        soci::use(kpi_id, "kpi_id"), soci::into(index), soci::into(value));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < index.size(); ++i)
      out.push_back({static_cast<long>(index[i]), value[i]});
    index.resize(kBatch);
    value.resize(kBatch);
  }
  return out;
}

std::optional<LastValue> KpiStore::last(const std::string& kpi_id) { return get(kpi_id).last; }

}  // namespace kpis
