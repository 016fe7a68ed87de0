#include "arenas/arena_store.hpp"

#include <cstdint>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "core/ids.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"

namespace arenas {
namespace {

const db::Columns<Arena>& columns() {
  static const auto c =
      arena_fields().columns("arenas").text("created_by", &Arena::created_by, db::Write::kOnce);
  return c;
}

const std::string kSelect = columns().select_sql();
const std::string kSelectPage = kSelect + " AND id > :after ORDER BY id LIMIT :lim";
const std::string kSelectPageOfStatus =
    kSelect + " AND status = :status AND id > :after ORDER BY id LIMIT :lim";
constexpr std::string_view kPerson =
    "SELECT p.name, p.unit_id, u.name AS unit_name FROM people p LEFT JOIN units u ON "
    "u.tenant_id = p.tenant_id AND u.id = p.unit_id WHERE p.tenant_id = :tenant_id AND p.id = :id";
constexpr std::string_view kItems =
    "SELECT i.item_key, i.step_key, i.done, i.done_by, i.done_at, p.name AS done_by_name "
    "FROM arena_items i LEFT JOIN people p ON p.tenant_id = i.tenant_id AND p.id = i.done_by "
    "WHERE i.tenant_id = :tenant_id AND i.arena_id = :arena_id ORDER BY i.position";
constexpr std::string_view kInsertItem =
    "INSERT INTO arena_items (tenant_id, arena_id, item_key, step_key, position) "
    "VALUES (:tenant_id, :arena_id, :item_key, :step_key, :position)";
constexpr std::string_view kTick =
    "UPDATE arena_items SET done = :done, done_by = :done_by, done_at = :done_at "
    "WHERE tenant_id = :tenant_id AND arena_id = :arena_id AND item_key = :item_key";
constexpr std::string_view kLog =
    "SELECT l.id, l.tried, l.result, l.logged_on, l.created_at, p.name AS logged_by_name "
    "FROM arena_log l LEFT JOIN people p ON p.tenant_id = l.tenant_id AND p.id = l.logged_by "
    "WHERE l.tenant_id = :tenant_id AND l.arena_id = :arena_id ORDER BY l.logged_on, l.id";
constexpr std::string_view kInsertLog =
    "INSERT INTO arena_log (tenant_id, id, arena_id, tried, result, logged_on, logged_by, "
    "created_at) VALUES (:tenant_id, :id, :arena_id, :tried, :result, :logged_on, :logged_by, "
    ":created_at)";
constexpr std::string_view kLinkProject =
    "UPDATE arenas SET project_id = :project_id, version = version + 1, updated_at = :now "
    "WHERE tenant_id = :tenant_id AND id = :id AND project_id IS NULL";
constexpr std::string_view kTouch =
    "UPDATE arenas SET updated_at = :now WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kDeleteItems =
    "DELETE FROM arena_items WHERE tenant_id = :tenant_id AND arena_id = :arena_id";
constexpr std::string_view kDeleteLog =
    "DELETE FROM arena_log WHERE tenant_id = :tenant_id AND arena_id = :arena_id";
constexpr std::string_view kManages =
    "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id AND manager_id = :person_id";

std::optional<std::string> person_of(const core::AuthContext* who) {
  if (who == nullptr || who->person_id.empty()) return std::nullopt;
  return who->person_id;
}

std::string today_of(const core::AuthContext* who) {
  return who ? who->today() : core::nordic_local_today();
}

}  // namespace

bool may_create(soci::session& sql, const core::AuthContext& who) {
  if (who.is_admin()) return true;
  if (who.person_id.empty()) return false;
  return db::scalar(sql, kManages, {{"tenant_id", who.tenant_id}, {"person_id", who.person_id}}) >
         0;
}

Arena require_arena(ArenaStore& store, const std::string& id, const core::AuthContext& who,
                    ArenaRight right) {
  Arena a = store.get(id);
  if (!(right == ArenaRight::kEdit ? may_edit(a, who) : may_work(a, who)))
    throw core::Forbidden(core::Message{right == ArenaRight::kEdit ? "arena_err_may_not_edit"
                                                                   : "arena_err_may_not_work"});
  return a;
}

Arena ArenaStore::read_team(Arena a) {
  a.members.clear();
  auto add = [&](const std::string& person_id, bool leader) {
    auto rows = db::query(sql_, kPerson, {{"tenant_id", tenant_id_}, {"id", person_id}});
    if (rows.empty()) return;
    Member m{person_id, db::text(rows[0], "name"), db::opt_text(rows[0], "unit_id"),
             db::opt_text(rows[0], "unit_name"), leader};
    if (leader) a.leader_name = m.name;
    a.members.push_back(std::move(m));
  };
  add(a.leader_id, true);
  for (const auto& id : a.member_ids)
    if (id != a.leader_id) add(id, false);
  return a;
}

std::vector<Arena> ArenaStore::list(const http::Page& page, const std::string& status) {
  std::vector<Arena> out;
  auto rows =
      status.empty()
          ? db::query(sql_, kSelectPage,
                      {{"tenant_id", tenant_id_}, {"after", page.after}, {"lim", page.limit + 1}})
          : db::query(sql_, kSelectPageOfStatus,
                      {{"tenant_id", tenant_id_},
                       {"status", status},
                       {"after", page.after},
                       {"lim", page.limit + 1}});
  for (const auto& r : rows) out.push_back(read_team(columns().read(r)));
  return out;
}

Arena ArenaStore::get(const std::string& id) {
  auto found = columns().find(sql_, {{"tenant_id", tenant_id_}, {"id", id}});
  if (!found) throw core::NotFound("no arena with id " + id);
  Arena a = read_team(std::move(*found));
  for (const auto& r : db::query(sql_, kItems, {{"tenant_id", tenant_id_}, {"arena_id", id}}))
    a.items.push_back({db::text(r, "item_key"), db::text(r, "step_key"),
                       db::integer(r, "done") != 0, db::opt_text(r, "done_by"),
                       db::opt_text(r, "done_by_name"), db::opt_text(r, "done_at")});
  for (const auto& r : db::query(sql_, kLog, {{"tenant_id", tenant_id_}, {"arena_id", id}}))
    a.log.push_back({db::text(r, "id"), db::text(r, "tried"), db::opt_text(r, "result"),
                     db::text(r, "logged_on"), db::opt_text(r, "logged_by_name"),
                     db::text(r, "created_at")});
  a.detailed = true;
  return a;
}

void ArenaStore::check_people(const Arena& a) {
  core::FieldErrors bad;
  org::PersonStore people(sql_, tenant_id_);
  if (!people.exists(a.leader_id)) bad.add("leader_id", core::Message{"arena_err_no_person"});
  for (const auto& p : a.member_ids)
    if (!people.exists(p)) bad.add("member_ids", core::Message{"arena_err_no_person"});
  if (!a.starts_on.empty() && a.ends_on < a.starts_on)
    bad.add("ends_on", core::Message{"arena_err_ends_before_start"});
  bad.check();
}

Arena ArenaStore::create(const core::AuthContext* who, const Arena& fields) {
  if (who != nullptr && !may_create(sql_, *who))
    throw core::Forbidden(core::Message{"arena_err_may_not_create"});
  Arena a = fields;
  if (a.starts_on.empty()) a.starts_on = today_of(who);
  a.project_id.reset();
  a.created_by = person_of(who);
  kit::stamp_new(a);
  db::WriteTx tx(sql_);
  check_people(a);
  db::execute(sql_, columns().insert_sql(), columns().args(a, {{"tenant_id", tenant_id_}}));
  const auto* pulse = projects::find_template(kPulseTemplate);
  std::int64_t position = 0;
  for (const auto& phase : pulse->phases)
    for (const auto& item : phase.items)
      db::execute(sql_, kInsertItem,
                  {{"tenant_id", tenant_id_},
                   {"arena_id", a.id},
                   {"item_key", item.key},
                   {"step_key", phase.key},
                   {"position", ++position}});
  audit::record(sql_, tenant_id_, who, "arena", a.id, "create", nullptr, to_json(a));
  tx.commit();
  return get(a.id);
}

db::Event<OutcomeReported>& outcome_reported() {
  static db::Event<OutcomeReported> event;
  return event;
}

Arena ArenaStore::update(const core::AuthContext* who, const Arena& changed,
                         long long expected_version) {
  db::WriteTx tx(sql_);
  const Arena before = get(changed.id);
  Arena after = kit::versioned_update<Arena>(
      sql_, tenant_id_, who, "arena", changed.id, expected_version, [&] { return get(changed.id); },
      [&](long long version) {
        Arena row = changed;
        if (row.starts_on.empty()) row.starts_on = today_of(who);
        check_people(row);
        row.updated_at = core::now_iso();
        return db::execute(sql_, columns().update_sql(),
                           columns().args(row, {{"tenant_id", tenant_id_}, {"expected", version}}));
      },
      [](const Arena& a) { return to_json(a); });
  if (reports_back(before, after)) outcome_reported().publish(sql_, {tenant_id_, who, after});
  tx.commit();
  return after;
}

void ArenaStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  Arena before = get(id);
  db::execute(sql_, kDeleteItems, {{"tenant_id", tenant_id_}, {"arena_id", id}});
  db::execute(sql_, kDeleteLog, {{"tenant_id", tenant_id_}, {"arena_id", id}});
  db::execute(sql_, columns().delete_sql(), {{"tenant_id", tenant_id_}, {"id", id}});
  audit::record(sql_, tenant_id_, who, "arena", id, "delete", to_json(before), nullptr);
  tx.commit();
}

Arena ArenaStore::tick(const core::AuthContext* who, const std::string& id,
                       const std::string& item_key, bool done) {
  db::WriteTx tx(sql_);
  get(id);
  const auto now = core::now_iso();
  auto by = done ? person_of(who) : std::nullopt;
  auto at = done ? std::optional(now) : std::nullopt;
  auto rows = db::execute(sql_, kTick,
                          {{"tenant_id", tenant_id_},
                           {"arena_id", id},
                           {"item_key", item_key},
                           {"done", done ? 1 : 0},
                           {"done_by", by},
                           {"done_at", at}});
  if (rows != 1) throw core::NotFound("no pulse item " + item_key + " in arena " + id);
  db::execute(sql_, kTouch, {{"tenant_id", tenant_id_}, {"id", id}, {"now", now}});
  audit::record(sql_, tenant_id_, who, "arena_item", id + "/" + item_key, "update", nullptr,
                {{"item_key", item_key}, {"done", done}});
  tx.commit();
  return get(id);
}

Arena ArenaStore::add_log(const core::AuthContext* who, const std::string& id,
                          const LogEntry& entry) {
  db::WriteTx tx(sql_);
  get(id);
  LogEntry e = entry;
  e.id = core::new_id();
  if (e.logged_on.empty()) e.logged_on = today_of(who);
  e.created_at = core::now_iso();
  db::execute(sql_, kInsertLog,
              {{"tenant_id", tenant_id_},
               {"id", e.id},
               {"arena_id", id},
               {"tried", e.tried},
               {"result", e.result},
               {"logged_on", e.logged_on},
               {"logged_by", person_of(who)},
               {"created_at", e.created_at}});
  db::execute(sql_, kTouch, {{"tenant_id", tenant_id_}, {"id", id}, {"now", e.created_at}});
  audit::record(sql_, tenant_id_, who, "arena_log", e.id, "create", nullptr,
                {{"arena_id", id}, {"tried", e.tried}, {"logged_on", e.logged_on}});
  tx.commit();
  return get(id);
}

Arena ArenaStore::link_project(const core::AuthContext* who, const std::string& id,
                               const std::string& project_id) {
  db::WriteTx tx(sql_);
  Arena before = get(id);
  if (db::execute(sql_, kLinkProject,
                  {{"tenant_id", tenant_id_},
                   {"id", id},
                   {"project_id", project_id},
                   {"now", core::now_iso()}}) != 1)
    throw core::Conflict(core::Message{"arena_err_grown"}, to_json(before));
  Arena after = get(id);
  audit::record(sql_, tenant_id_, who, "arena", id, "update", to_json(before), to_json(after));
  tx.commit();
  return after;
}

}  // namespace arenas
