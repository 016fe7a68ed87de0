#include "benchmarks/benchmark_store.hpp"

#include <algorithm>
#include <string_view>

#include "benchmarks/indicator_store.hpp"
#include "core/errors.hpp"
#include "db/query.hpp"
#include "kpis/kpi_store.hpp"

namespace benchmarks {
namespace {

constexpr std::string_view kTenant =
    "SELECT benchmark_opt_in, inhabitants FROM tenants WHERE id = :tenant_id";

// Set-based: every other opted-in tenant's measurements on the indicator in one statement,
// by kpis_indicator_ix and the measurements' primary key.
constexpr std::string_view kPeers =
    "SELECT k.tenant_id, t.inhabitants, m.period_index, m.value FROM kpis k "
    "JOIN tenants t ON t.id = k.tenant_id "
    "JOIN kpi_measurements m ON m.tenant_id = k.tenant_id AND m.kpi_id = k.id "
    "WHERE k.indicator_id = :indicator_id AND k.tenant_id <> :tenant_id "
    "AND t.benchmark_opt_in = 1 AND m.period_index >= :from AND m.period_index <= :to";

constexpr long kDefaultSpan = 25;

}  // namespace

bool BenchmarkStore::opted_in() {
  auto rows = db::query(sql_, kTenant, {{"tenant_id", tenant_id_}});
  return !rows.empty() && db::integer(rows[0], "benchmark_opt_in") == 1;
}

std::string BenchmarkStore::my_group() {
  auto rows = db::query(sql_, kTenant, {{"tenant_id", tenant_id_}});
  return rows.empty() ? "" : size_group(db::integer(rows[0], "inhabitants"));
}

std::vector<PeerValue> BenchmarkStore::peer_values(const std::string& indicator_id, long from,
                                                   long to) {
  auto rows = db::query(sql_, kPeers,
                        {{"indicator_id", indicator_id},
                         {"tenant_id", tenant_id_},
                         {"from", static_cast<std::int64_t>(from)},
                         {"to", static_cast<std::int64_t>(to)}});
  std::vector<PeerValue> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back({db::text(r, "tenant_id"), size_group(db::integer(r, "inhabitants")),
                   static_cast<long>(db::integer(r, "period_index")), db::real(r, "value")});
  return out;
}

Benchmark BenchmarkStore::of_kpi(const kpis::Kpi& kpi, const std::string& group,
                                 const std::string& today, int k) {
  if (!opted_in()) throw core::Forbidden(core::Message{"benchmark_err_not_opted_in"});
  if (!kpi.indicator_id)
    throw core::ValidationError("indicator_id", core::Message{"benchmark_err_no_indicator"});
  if (!is_group(group))
    throw core::ValidationError("group", core::Message{"err.one_of",
                                                       {{"values",
                                                         "all, under_20k, 20k_50k, 50k_100k, "
                                                         "over_100k"}}});
  Benchmark b;
  b.indicator = IndicatorStore(sql_, tenant_id_).get(*kpi.indicator_id);
  b.group = group;
  b.my_group = my_group();
  auto line = period_line(b.indicator);
  std::vector<MyValue> mine;
  for (const auto& p : kpis::KpiStore(sql_, tenant_id_).points(kpi.id))
    mine.push_back({p.period, p.value});
  long to = kpis::period_of_date(line, today).value_or(0);
  long from = to - kDefaultSpan;
  if (!mine.empty()) {
    from = std::min(from, mine.front().period);
    to = std::max(to, mine.back().period);
  }
  b.periods = compare(mine, peer_values(b.indicator.id, from, to), tenant_id_, group, k);
  return b;
}

}  // namespace benchmarks
