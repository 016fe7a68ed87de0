#include "bank/bank_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "bank/bank_rows.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/message.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "projects/project_store.hpp"

namespace bank {
namespace {

using nlohmann::json;

constexpr std::string_view kSelectById =
    "FROM bank_entries e JOIN tenants t ON t.id = e.tenant_id WHERE e.id = :id";
constexpr std::string_view kSelectIdOfProject =
    "SELECT id, current_version FROM bank_entries WHERE tenant_id = :tenant_id AND "
    "project_id = :project_id";
constexpr std::string_view kTenantKind = "SELECT kind FROM tenants WHERE id = :tenant_id";
constexpr std::string_view kInsertEntry =
    "INSERT INTO bank_entries (id, tenant_id, project_id, status, current_version, decision_id, "
    "title, summary, method, service_area, kle, tenant_kind, language, licence, "
    "handovers_before, handovers_after, lead_time_before, lead_time_after, published_at, "
    "updated_at) VALUES (:id, :tenant_id, :project_id, 'published', :version, :decision_id, "
    ":title, :summary, :method, :service_area, :kle, :tenant_kind, :language, :licence, "
    ":handovers_before, :handovers_after, :lead_time_before, :lead_time_after, :now, :now)";
constexpr std::string_view kUpdateEntry =
    "UPDATE bank_entries SET status = 'published', current_version = :version, "
    "decision_id = :decision_id, title = :title, summary = :summary, method = :method, "
    "service_area = :service_area, kle = :kle, tenant_kind = :tenant_kind, language = :language, "
    "licence = :licence, handovers_before = :handovers_before, handovers_after = :handovers_after, "
    "lead_time_before = :lead_time_before, lead_time_after = :lead_time_after, "
    "published_at = :now, updated_at = :now WHERE id = :id AND tenant_id = :tenant_id";
constexpr std::string_view kUnpublish =
    "UPDATE bank_entries SET status = 'unpublished', decision_id = :decision_id, "
    "updated_at = :now WHERE id = :id AND tenant_id = :tenant_id AND status = 'published'";
constexpr std::string_view kInsertVersion =
    "INSERT INTO bank_entry_versions (entry_id, number, decision_id, snapshot, published_at) "
    "VALUES (:id, :number, :decision_id, :snapshot, :now)";
constexpr std::string_view kSelectVersions =
    "SELECT number, published_at FROM bank_entry_versions WHERE entry_id = :id ORDER BY number";
constexpr std::string_view kSelectSnapshot =
    "SELECT snapshot FROM bank_entry_versions WHERE entry_id = :id AND number = :number";
// The index row shares the entry's rowid, so a search joins by rowid and never reads the
// index's own entry_id (that and the text key's index were 60 % of a common word's search at
// 10,000 entries). Entries are never deleted and the app runs no VACUUM, which could renumber
// rowids: after an outside VACUUM, publish again or rebuild bank_search (docs/bank.md).
constexpr std::string_view kDeleteIndexSqlite =
    "DELETE FROM bank_search WHERE rowid = (SELECT rowid FROM bank_entries WHERE id = :id)";
constexpr std::string_view kIndexSqlite =
    "INSERT INTO bank_search (rowid, entry_id, title, body) SELECT rowid, id, :title, :body "
    "FROM bank_entries WHERE id = :id";
constexpr std::string_view kIndexPostgres =
    "UPDATE bank_entries SET search_vector = setweight(to_tsvector('simple', :title), 'A') || "
    "setweight(to_tsvector('simple', :body), 'B') WHERE id = :id";

bool is_sqlite(soci::session& sql) { return sql.get_backend_name() == "sqlite3"; }

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(); }
json opt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(); }

// Everything a search should find an entry by, in one text.
std::string searchable(const Entry& e) {
  std::string body = e.summary;
  auto add = [&body](const std::string& s) {
    body.push_back('\n');
    body.append(s);
  };
  for (const auto& t : e.tags) add(t);
  for (const auto& k : e.kpis) {
    add(k.name);
    add(k.definition);
  }
  for (const auto& t : e.tasks) {
    add(t.task);
    add(t.effect);
  }
  for (const auto& l : e.lessons) add(l);
  for (const auto& l : e.lanes) add(l.name);
  return body;
}

}  // namespace

Listed read_listed(const db::Row& r, const std::string& reader_tenant) {
  Listed l;
  l.id = db::text(r, "id");
  l.status = db::text(r, "status");
  l.current_version = db::integer(r, "current_version");
  l.title = db::text(r, "title");
  l.summary = db::text(r, "summary");
  l.method = db::text(r, "method");
  l.service_area = db::text(r, "service_area");
  l.kle = db::opt_text(r, "kle");
  l.tenant_kind = db::text(r, "tenant_kind");
  l.language = db::text(r, "language");
  l.licence = db::text(r, "licence");
  l.handovers_before = db::opt_integer(r, "handovers_before");
  l.handovers_after = db::opt_integer(r, "handovers_after");
  l.lead_time_before = db::opt_integer(r, "lead_time_before");
  l.lead_time_after = db::opt_integer(r, "lead_time_after");
  l.published_at = db::text(r, "published_at");
  l.updated_at = db::text(r, "updated_at");
  l.publisher = db::text(r, "publisher");
  l.used_by = db::integer(r, "used_by");
  l.own = db::text(r, "tenant_id") == reader_tenant;
  return l;
}

std::string BankStore::record_decision(const core::AuthContext* who, const std::string& project_id,
                                       const std::string& key, long long version,
                                       const std::string& entry_id) {
  projects::GateDecision d;
  d.text = core::Message{key, {{"version", version}}}.stored();
  d.decided_on = core::nordic_local_today();
  d.decided_by = "steering_group";
  d.links.push_back("/bank/" + entry_id);
  auto row = projects::ProjectStore(sql_, tenant_id_).record_decision(who, project_id, d);
  return row["id"].get<std::string>();
}

void BankStore::index(const std::string& entry_id, const Entry& entry) {
  std::string title = index_text(entry.title);
  std::string body = index_text(searchable(entry));
  if (is_sqlite(sql_)) {
    db::execute(sql_, kDeleteIndexSqlite, {{"id", entry_id}});
    db::execute(sql_, kIndexSqlite, {{"id", entry_id}, {"title", title}, {"body", body}});
  } else {
    db::execute(sql_, kIndexPostgres, {{"id", entry_id}, {"title", title}, {"body", body}});
  }
}

Listed BankStore::publish(const core::AuthContext* who, const std::string& project_id,
                          const Entry& entry) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  auto existing =
      db::query(sql_, kSelectIdOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  bool fresh = existing.empty();
  std::string id = fresh ? core::new_id() : db::text(existing[0], "id");
  long long version = fresh ? 1 : db::integer(existing[0], "current_version") + 1;
  std::string decision_id =
      record_decision(who, project_id, "bank_decision_published", version, id);
  std::string kind = db::text(db::query(sql_, kTenantKind, {{"tenant_id", tenant_id_}})[0], "kind");
  std::string now = core::now_iso();
  std::vector<db::Arg> args = {{"id", id},
                               {"tenant_id", tenant_id_},
                               {"project_id", project_id},
                               {"version", version},
                               {"decision_id", decision_id},
                               {"title", entry.title},
                               {"summary", entry.summary},
                               {"method", entry.method},
                               {"service_area", entry.service_area},
                               {"kle", entry.kle},
                               {"tenant_kind", kind},
                               {"language", entry.language},
                               {"licence", entry.licence},
                               {"now", now}};
  auto figure = [&args](std::string_view name, std::optional<std::int64_t> v) {
    args.emplace_back(name, v ? db::Arg::Value(*v) : db::Arg::Value());
  };
  figure("handovers_before", entry.before("handovers"));
  figure("handovers_after", entry.after("handovers"));
  figure("lead_time_before", entry.before("lead_time_minutes"));
  figure("lead_time_after", entry.after("lead_time_minutes"));
  db::execute(sql_, fresh ? kInsertEntry : kUpdateEntry, args);
  std::string snapshot = to_json(entry).dump();
  db::execute(sql_, kInsertVersion,
              {{"id", id},
               {"number", version},
               {"decision_id", decision_id},
               {"snapshot", snapshot},
               {"now", now}});
  index(id, entry);
  audit::record(sql_, tenant_id_, who, "bank_entry", id, fresh ? "create" : "update", nullptr,
                {{"project_id", project_id},
                 {"status", "published"},
                 {"version", version},
                 {"decision_id", decision_id}});
  auto out = listed(id);
  tx.commit();
  return out;
}

Listed BankStore::unpublish(const core::AuthContext* who, const std::string& project_id) {
  db::WriteTx tx(sql_);
  auto current = of_project(project_id);
  if (!current || current->status != "published") throw core::NotFound("bank entry");
  std::string decision_id = record_decision(who, project_id, "bank_decision_unpublished",
                                            current->current_version, current->id);
  db::execute(sql_, kUnpublish,
              {{"decision_id", decision_id},
               {"now", core::now_iso()},
               {"id", current->id},
               {"tenant_id", tenant_id_}});
  audit::record(
      sql_, tenant_id_, who, "bank_entry", current->id, "update", nullptr,
      {{"project_id", project_id}, {"status", "unpublished"}, {"decision_id", decision_id}});
  auto out = listed(current->id);
  tx.commit();
  return out;
}

std::optional<Listed> BankStore::of_project(const std::string& project_id) {
  auto rows =
      db::query(sql_, kSelectIdOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  if (rows.empty()) return std::nullopt;
  return listed(db::text(rows[0], "id"));
}

Listed BankStore::listed(const std::string& entry_id) {
  std::string statement(kListedColumns);
  statement.append(kSelectById);
  auto rows = db::query(sql_, statement, {{"id", entry_id}});
  if (rows.empty()) throw core::NotFound("bank entry");
  return read_listed(rows[0], tenant_id_);
}

Shown BankStore::get(const std::string& entry_id, std::optional<long long> version) {
  Shown s;
  s.listed = listed(entry_id);
  if (s.listed.status != "published" && !s.listed.own) throw core::NotFound("bank entry");
  s.number = version.value_or(s.listed.current_version);
  auto rows = db::query(sql_, kSelectSnapshot, {{"id", entry_id}, {"number", s.number}});
  if (rows.empty()) throw core::NotFound("bank entry version");
  s.entry = entry_from_json(json::parse(db::text(rows[0], "snapshot")));
  for (const auto& r : db::query(sql_, kSelectVersions, {{"id", entry_id}}))
    s.versions.push_back({db::integer(r, "number"), db::text(r, "published_at")});
  return s;
}

json to_json(const Listed& l) {
  return {{"id", l.id},
          {"status", l.status},
          {"version", l.current_version},
          {"title", l.title},
          {"summary", l.summary},
          {"method", l.method},
          {"service_area", l.service_area},
          {"kle", opt(l.kle)},
          {"tenant_kind", l.tenant_kind},
          {"language", l.language},
          {"licence", l.licence},
          {"figures",
           {{"handovers", {{"before", opt(l.handovers_before)}, {"after", opt(l.handovers_after)}}},
            {"lead_time_minutes",
             {{"before", opt(l.lead_time_before)}, {"after", opt(l.lead_time_after)}}}}},
          {"publisher", l.publisher},
          {"used_by", l.used_by},
          {"published_at", l.published_at},
          {"updated_at", l.updated_at}};
}

json to_json(const Shown& s) {
  json out = to_json(s.listed);
  out["shown_version"] = s.number;
  out["snapshot"] = to_json(s.entry);
  json versions = json::array();
  for (const auto& v : s.versions)
    versions.push_back({{"number", v.number}, {"published_at", v.published_at}});
  out["versions"] = versions;
  return out;
}

}  // namespace bank
