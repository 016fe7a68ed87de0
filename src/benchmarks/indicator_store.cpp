#include "benchmarks/indicator_store.hpp"

#include <cctype>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "db/columns.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/store_rows.hpp"

namespace benchmarks {
namespace {

// The catalogue is no tenant's: no tenant column scopes it.
const db::Columns<Indicator>& columns() {
  static const auto c =
      indicator_fields()
          .columns("indicators", {})
          .text("created_by_tenant_id", &Indicator::created_by_tenant_id, db::Write::kOnce);
  return c;
}

// ESCAPE '!' rather than a backslash: the same literal on both engines.
const std::string kPage =
    columns().select_sql() +
    " WHERE id > :after AND (lower(name) LIKE :pattern ESCAPE '!' OR lower(description) LIKE "
    ":pattern ESCAPE '!' OR lower(COALESCE(external_code, '')) LIKE :pattern ESCAPE '!') AND "
    "(:any_source = 1 OR source = :source) ORDER BY id LIMIT :lim";
const std::string kAll = columns().select_sql() + " ORDER BY name, id";
const std::string kOne = columns().select_sql() + " WHERE id = :id";

constexpr std::string_view kLinked = "SELECT COUNT(*) FROM kpis WHERE indicator_id = :id";
constexpr std::string_view kDelete = "DELETE FROM indicators WHERE id = :id";

// A LIKE pattern for words typed in: lower-cased (ASCII, as SQLite's lower), the
// wildcards taken literally.
std::string pattern_of(const std::string& q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out + "%";
}

Indicator for_reader(Indicator i, const std::string& tenant_id) {
  i.mine = i.created_by_tenant_id == tenant_id;
  return i;
}

}  // namespace

std::vector<Indicator> IndicatorStore::list(const http::Page& page, const IndicatorFilter& filter) {
  std::string pattern = pattern_of(filter.q);
  std::vector<Indicator> out;
  for (auto& i : columns().read_all(db::query(sql_, kPage,
                                              {{"after", page.after},
                                               {"pattern", pattern},
                                               {"any_source", filter.source.empty() ? 1 : 0},
                                               {"source", filter.source},
                                               {"lim", page.limit + 1}})))
    out.push_back(for_reader(std::move(i), tenant_id_));
  return out;
}

std::vector<Indicator> IndicatorStore::all() {
  std::vector<Indicator> out;
  for (auto& i : columns().read_all(db::query(sql_, kAll)))
    out.push_back(for_reader(std::move(i), tenant_id_));
  return out;
}

std::optional<Indicator> IndicatorStore::find(const std::string& id) {
  auto found = columns().read_first(db::query(sql_, kOne, {{"id", id}}));
  if (!found) return std::nullopt;
  return for_reader(std::move(*found), tenant_id_);
}

Indicator IndicatorStore::get(const std::string& id) {
  if (auto found = find(id)) return *found;
  throw core::NotFound("indicator not found");
}

Indicator IndicatorStore::create(const core::AuthContext* who, const Indicator& fields) {
  Indicator i = normalised(fields);
  kit::stamp_new(i);
  i.created_by_tenant_id = tenant_id_;
  db::WriteTx tx(sql_);
  try {
    db::execute(sql_, columns().insert_sql(), columns().args(i));
  } catch (const soci::soci_error& e) {
    db::map_constraint(e, {{"indicators_external_code_uq", "indicators.external_code", [] {
                              throw core::Conflict(core::Message{"benchmark_err_code_taken"},
                                                   nullptr, "indicator_code_taken");
                            }}});
    throw;
  }
  audit::record(sql_, tenant_id_, who, "indicator", i.id, "create", nullptr,
                indicator_fields().to_json(i));
  tx.commit();
  return for_reader(i, tenant_id_);
}

void IndicatorStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  Indicator before = get(id);
  if (db::scalar(sql_, kLinked, {{"id", id}}) > 0)
    throw core::Conflict(core::Message{"benchmark_err_in_use"}, indicator_fields().to_json(before));
  db::execute(sql_, kDelete, {{"id", id}});
  audit::record(sql_, tenant_id_, who, "indicator", id, "delete",
                indicator_fields().to_json(before), nullptr);
  tx.commit();
}

}  // namespace benchmarks
