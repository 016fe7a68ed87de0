// The bank's search (D39): one query interface, an engine's own full-text statement. The
// statement is put together from the constant pieces below only; what the user typed
// reaches the engine as bound values (the stems of parse_query, quoted).
#include <string_view>

#include "bank/bank_rows.hpp"
#include "bank/bank_store.hpp"
#include "core/errors.hpp"
#include "db/query.hpp"

namespace bank {
namespace {

// The page of hits is chosen first, from the index and the entry's own columns; only its
// rows are then joined to the publisher and counted in bank_adoptions (a common word matches
// most of the bank, and the list's columns per match cost more than the ranking).
constexpr std::string_view kHitsSqlite =
    "WITH hits AS (SELECT e.id AS hit_id, bm25(bank_search, 0.0, 4.0, 1.0) AS rank "
    "FROM bank_search s JOIN bank_entries e ON e.rowid = s.rowid "
    "WHERE bank_search MATCH :match AND ";
constexpr std::string_view kOrderSqlite = " ORDER BY rank, e.id";
constexpr std::string_view kOuterSqlite = " ORDER BY hits.rank, e.id";
constexpr std::string_view kHitsPostgres =
    "WITH hits AS (SELECT e.id AS hit_id, ts_rank(e.search_vector, to_tsquery('simple', :match)) "
    "AS rank FROM bank_entries e WHERE e.search_vector @@ to_tsquery('simple', :match) AND ";
constexpr std::string_view kOrderPostgres = " ORDER BY rank DESC, e.id";
constexpr std::string_view kOuterPostgres = " ORDER BY hits.rank DESC, e.id";
constexpr std::string_view kHitsAll =
    "WITH hits AS (SELECT e.id AS hit_id, e.published_at AS rank FROM bank_entries e WHERE ";
constexpr std::string_view kOrderNewest = " ORDER BY e.published_at DESC, e.id DESC";
constexpr std::string_view kOuterNewest = " ORDER BY hits.rank DESC, e.id DESC";
constexpr std::string_view kFromHits =
    "FROM hits JOIN bank_entries e ON e.id = hits.hit_id JOIN tenants t ON t.id = e.tenant_id";

constexpr std::string_view kPublished = "e.status = 'published'";
constexpr std::string_view kArea = " AND e.service_area = :area";
constexpr std::string_view kKle = " AND (e.kle = :kle OR e.kle LIKE :kle_below)";
constexpr std::string_view kTenantKind = " AND e.tenant_kind = :tenant_kind";
constexpr std::string_view kFewerHandovers = " AND e.handovers_after < e.handovers_before";
constexpr std::string_view kShorterLeadTime = " AND e.lead_time_after < e.lead_time_before";
constexpr std::string_view kPage = " LIMIT :limit OFFSET :offset";

}  // namespace

std::vector<Listed> BankStore::search(const SearchFilters& f) {
  bool sqlite = sql_.get_backend_name() == "sqlite3";
  auto query = parse_query(f.text);
  std::string statement;
  std::vector<db::Arg> args;
  std::string match;
  if (query.empty()) {
    statement.append(kHitsAll);
  } else {
    match = sqlite ? fts5_match(query) : tsquery(query);
    statement.append(sqlite ? kHitsSqlite : kHitsPostgres);
    args.emplace_back("match", match);
  }
  statement.append(kPublished);
  if (f.area) {
    statement.append(kArea);
    args.emplace_back("area", *f.area);
  }
  std::string kle_below;
  if (f.kle) {
    if (!valid_kle(*f.kle))
      throw core::ValidationError("kle", "must be a KLE number such as 27.24");
    kle_below = *f.kle + ".%";
    statement.append(kKle);
    args.emplace_back("kle", *f.kle);
    args.emplace_back("kle_below", kle_below);
  }
  if (f.tenant_kind) {
    statement.append(kTenantKind);
    args.emplace_back("tenant_kind", *f.tenant_kind);
  }
  for (const auto& effect : f.effects) {
    if (effect == "fewer_handovers")
      statement.append(kFewerHandovers);
    else if (effect == "shorter_lead_time")
      statement.append(kShorterLeadTime);
    else
      throw core::ValidationError("effect", "must be fewer_handovers or shorter_lead_time");
  }
  statement.append(query.empty() ? kOrderNewest : sqlite ? kOrderSqlite : kOrderPostgres);
  statement.append(kPage);
  statement.append(") ");
  statement.append(kListedColumns);
  statement.append(kFromHits);
  statement.append(query.empty() ? kOuterNewest : sqlite ? kOuterSqlite : kOuterPostgres);
  args.emplace_back("limit", static_cast<std::int64_t>(f.limit) + 1);
  args.emplace_back("offset", static_cast<std::int64_t>(f.offset));
  std::vector<Listed> out;
  for (const auto& r : db::query(sql_, statement, args)) out.push_back(read_listed(r, tenant_id_));
  return out;
}

}  // namespace bank
