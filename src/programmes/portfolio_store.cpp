#include "programmes/portfolio_store.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "db/columns.hpp"
#include "projects/method_template.hpp"

namespace programmes {
namespace {

const db::Columns<PortfolioRow>& columns() {
  static const auto c = db::Columns<PortfolioRow>()
                            .read_only("id", &PortfolioRow::id)
                            .read_only("title", &PortfolioRow::title)
                            .read_only("template_key", &PortfolioRow::template_key)
                            .read_only("phase_key", &PortfolioRow::phase_key)
                            .read_only("status", &PortfolioRow::status)
                            .read_only("status_reason", &PortfolioRow::status_reason)
                            .read_only("start_date", &PortfolioRow::start_date)
                            .read_only("end_date", &PortfolioRow::end_date)
                            .read_only("last_update_at", &PortfolioRow::last_update);
  return c;
}

// The programmes and tracks of the tenant's projects (the programmes may be an umbrella's).
constexpr std::string_view kProgrammeJoins =
    " FROM programme_projects pp JOIN programmes g ON g.tenant_id = pp.tenant_id AND g.id = "
    "pp.programme_id WHERE pp.project_tenant_id = :tenant_id";
constexpr std::string_view kTrackJoins =
    " FROM programme_project_tracks ppt JOIN programme_projects pp ON pp.tenant_id = "
    "ppt.tenant_id AND pp.programme_id = ppt.programme_id AND pp.project_id = ppt.project_id "
    "JOIN programme_tracks tr ON tr.tenant_id = ppt.tenant_id AND tr.id = ppt.track_id WHERE "
    "pp.project_tenant_id = :tenant_id";

// The tenant's projects that pass the filters; an empty filter means "any".
const std::string& filtered() {
  static const std::string sql =
      " FROM projects p WHERE p.tenant_id = :tenant_id AND (:phase = '' OR p.phase_key = :phase) "
      "AND (:status = '' OR p.status = :status) AND (:unit = '' OR EXISTS (SELECT 1 FROM "
      "project_units pu WHERE pu.tenant_id = p.tenant_id AND pu.project_id = p.id AND pu.unit_id "
      "= :unit)) AND (:programme = '' OR p.id IN (SELECT pp.project_id" +
      std::string(kProgrammeJoins) + " AND pp.programme_id = :programme)) AND (:track = '' OR " +
      "p.id IN (SELECT ppt.project_id" + std::string(kTrackJoins) + " AND tr.name = :track))";
  return sql;
}

// The related rows of a page's projects, each ending in "IN (" for the page's ids.
const std::array<std::string, 3>& related() {
  static const std::array<std::string, 3> sql = {
      "SELECT pu.project_id, pu.unit_id, u.name FROM project_units pu JOIN units u ON "
      "u.tenant_id = pu.tenant_id AND u.id = pu.unit_id WHERE pu.tenant_id = :tenant_id AND "
      "pu.project_id IN (",
      "SELECT pp.project_id, g.id, g.title" + std::string(kProgrammeJoins) +
          " AND pp.project_id IN (",
      "SELECT ppt.project_id, tr.name" + std::string(kTrackJoins) + " AND ppt.project_id IN ("};
  return sql;
}
constexpr std::array<std::string_view, 3> kRelatedOrder = {") ORDER BY u.name, u.id",
                                                           ") ORDER BY g.title, g.id", ")"};
// The id lists are padded to these lengths (repeating the last id), so each relation has
// four statements to keep prepared, not one per page size.
constexpr std::array<std::size_t, 4> kInSizes = {16, 64, 256, 1024};

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The position of a project's phase in its method: the shipped templates' phase order,
// written out as a CASE once (templates ship with the binary). A method of the tenant's own
// ranks -1, as before the portfolio sorted in SQL.
std::string phase_rank() {
  std::string out = "CASE p.template_key";
  for (const auto& t : projects::shipped_templates()) {
    out += " WHEN " + quoted(t.key) + " THEN CASE p.phase_key";
    for (std::size_t i = 0; i < t.phases.size(); ++i)
      out += " WHEN " + quoted(t.phases[i].key) + " THEN " + std::to_string(i);
    out += " ELSE -1 END";
  }
  return out + " ELSE -1 END";
}

// What a sort orders by before the title and the id: a rank and a text, either may be unused.
std::pair<std::string, std::string> sort_keys(const std::string& sort, bool descending) {
  if (sort == "phase") return {phase_rank(), "p.template_key"};
  if (sort == "status")
    return {"CASE p.status WHEN 'green' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END", ""};
  if (sort == "last_update") return {"", "p.last_update_at"};
  // Undated projects last whichever the direction: '~' sorts after every date, '' before.
  if (sort == "end_date")
    return {"", descending ? "COALESCE(p.end_date, '')" : "COALESCE(p.end_date, '~')"};
  return {"", ""};
}

// One page in the order asked for; from a place, the keys compared as one row value, which
// both engines answer from an index where there is one.
std::string page_sql(const std::string& sort, bool descending, bool before, bool from_place) {
  auto [rank, key] = sort_keys(sort, descending);
  std::vector<std::pair<std::string, std::string>> keys;
  if (!rank.empty()) keys.emplace_back(rank, ":sort_rank");
  if (!key.empty()) keys.emplace_back(key, ":sort_key");
  keys.emplace_back("lower(p.title)", ":title_key");
  keys.emplace_back("p.id", ":after");
  bool down = descending != before;
  std::string exprs, params, order;
  for (const auto& [expr, param] : keys) {
    std::string sep = exprs.empty() ? "" : ", ";
    exprs += sep + expr;
    params += sep + param;
    order += sep + expr + (down ? " DESC" : "");
  }
  std::string sql = "SELECT " + columns().list("p.") + ", " + (rank.empty() ? "NULL" : rank) +
                    " AS sort_rank, " + (key.empty() ? "NULL" : key) +
                    " AS sort_key, lower(p.title) AS title_key" + filtered();
  if (from_place) sql += " AND (" + exprs + ") " + (down ? "< (" : "> (") + params + ")";
  return sql + " ORDER BY " + order + " LIMIT :lim";
}

// Every statement a page can need, built once.
const std::string& page_statement(const PortfolioQuery& q, bool before, bool from_place) {
  static const auto table = [] {
    std::map<std::string, std::string> out;
    for (const auto& sort : kSorts)
      for (int bits = 0; bits < 8; ++bits)
        out[sort + std::to_string(bits)] = page_sql(sort, bits & 1, bits & 2, bits & 4);
    return out;
  }();
  int bits = (q.descending ? 1 : 0) | (before ? 2 : 0) | (from_place ? 4 : 0);
  return table.at(q.sort + std::to_string(bits));
}

const std::string& related_statement(std::size_t relation, std::size_t size) {
  static const auto table = [] {
    std::map<std::pair<std::size_t, std::size_t>, std::string> out;
    for (std::size_t r = 0; r < related().size(); ++r) {
      for (std::size_t n : kInSizes) {
        std::string sql = related()[r];
        for (std::size_t i = 0; i < n; ++i) sql += (i == 0 ? ":i" : ", :i") + std::to_string(i);
        out[{r, n}] = sql + std::string(kRelatedOrder[r]);
      }
    }
    return out;
  }();
  return table.at({relation, size});
}

const std::vector<std::string>& id_names() {
  static const auto names = [] {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < kInSizes.back(); ++i) out.push_back("i" + std::to_string(i));
    return out;
  }();
  return names;
}

std::vector<db::Arg> filter_args(const std::string& tenant_id, const PortfolioQuery& q) {
  return {{"tenant_id", tenant_id}, {"phase", q.phase},         {"status", q.status},
          {"unit", q.unit},         {"programme", q.programme}, {"track", q.track}};
}

}  // namespace

PortfolioPage PortfolioStore::page(const PortfolioQuery& q, const PortfolioCursor* from,
                                   int limit) {
  bool before = from != nullptr && from->before;
  auto args = filter_args(tenant_id_, q);
  args.emplace_back("lim", limit + 1);
  if (from != nullptr) {
    const auto& place = from->place;
    args.emplace_back("sort_rank", place.rank ? db::Arg::Value(*place.rank) : db::Arg::Value());
    args.emplace_back("sort_key", place.key);
    args.emplace_back("title_key", place.title_key);
    args.emplace_back("after", place.id);
  }
  PortfolioPage out;
  for (const auto& r : db::query(sql_, page_statement(q, before, from != nullptr), args)) {
    PortfolioRow p = columns().read(r);
    if (const auto* t = projects::find_template(p.template_key))
      p.phase_index = t->phase_index(p.phase_key);
    p.place = {db::opt_integer(r, "sort_rank"), db::opt_text(r, "sort_key"),
               db::text(r, "title_key"), p.id};
    out.rows.push_back(std::move(p));
  }
  if (out.rows.size() > static_cast<std::size_t>(limit)) {
    out.more = true;
    out.rows.resize(static_cast<std::size_t>(limit));
  }
  if (before) std::reverse(out.rows.begin(), out.rows.end());
  load_related(out.rows);
  return out;
}

void PortfolioStore::each(const PortfolioQuery& q, int batch,
                          const std::function<void(const PortfolioRow&)>& row) {
  std::optional<PortfolioCursor> from;
  for (;;) {
    auto page = this->page(q, from ? &*from : nullptr, batch);
    for (const auto& r : page.rows) row(r);
    if (!page.more) return;
    from = PortfolioCursor{q, page.rows.back().place, false};
  }
}

std::vector<PortfolioRow> PortfolioStore::rows() {
  std::vector<PortfolioRow> out;
  each(PortfolioQuery{}, 1000, [&](const PortfolioRow& r) { out.push_back(r); });
  return out;
}

std::int64_t PortfolioStore::count(const PortfolioQuery& q) {
  static const std::string sql = "SELECT COUNT(*)" + filtered();
  return db::scalar(sql_, sql, filter_args(tenant_id_, q));
}

std::int64_t PortfolioStore::total() {
  return db::scalar(sql_, "SELECT COUNT(*) FROM projects WHERE tenant_id = :tenant_id",
                    {{"tenant_id", tenant_id_}});
}

PortfolioChoices PortfolioStore::choices() {
  PortfolioChoices out;
  const db::Arg tenant[] = {{"tenant_id", tenant_id_}};
  for (const auto& r : db::query(
           sql_,
           "SELECT DISTINCT template_key, phase_key FROM projects WHERE tenant_id = :tenant_id",
           tenant))
    out.phases.emplace(db::text(r, "template_key"), db::text(r, "phase_key"));
  static const std::string tracks = "SELECT DISTINCT tr.name" + std::string(kTrackJoins);
  for (const auto& r : db::query(sql_, tracks, tenant)) out.tracks.insert(db::text(r, "name"));
  static const std::string programmes =
      "SELECT DISTINCT g.id, g.title" + std::string(kProgrammeJoins);
  for (const auto& r : db::query(sql_, programmes, tenant))
    out.programmes[db::text(r, "id")] = db::text(r, "title");
  return out;
}

// One query per relation for the rows at hand (in slices of at most 256 ids).
void PortfolioStore::load_related(std::vector<PortfolioRow>& rows) {
  constexpr std::size_t kSlice = 256;
  for (std::size_t start = 0; start < rows.size(); start += kSlice) {
    std::size_t end = std::min(rows.size(), start + kSlice);
    std::size_t size = *std::find_if(kInSizes.begin(), kInSizes.end(),
                                     [&](std::size_t n) { return n >= end - start; });
    std::map<std::string, PortfolioRow*> by_id;
    std::vector<db::Arg> args = {{"tenant_id", tenant_id_}};
    for (std::size_t i = 0; i < size; ++i) {
      PortfolioRow& r = rows[std::min(start + i, end - 1)];
      by_id[r.id] = &r;
      args.emplace_back(id_names()[i], r.id);
    }
    for (const auto& r : db::query(sql_, related_statement(0, size), args)) {
      auto* p = by_id.at(db::text(r, "project_id"));
      p->unit_ids.push_back(db::text(r, "unit_id"));
      p->unit_names.push_back(db::text(r, "name"));
    }
    for (const auto& r : db::query(sql_, related_statement(1, size), args))
      by_id.at(db::text(r, "project_id"))
          ->programmes.emplace_back(db::text(r, "id"), db::text(r, "title"));
    std::map<std::string, std::set<std::string>> tracks;
    for (const auto& r : db::query(sql_, related_statement(2, size), args))
      tracks[db::text(r, "project_id")].insert(db::text(r, "name"));
    for (auto& [id, names] : tracks) by_id.at(id)->tracks.assign(names.begin(), names.end());
  }
}

}  // namespace programmes
