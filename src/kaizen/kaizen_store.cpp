#include "kaizen/kaizen_store.hpp"

#include <algorithm>
#include <string_view>

#include "actions/action.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"

namespace kaizen {
namespace {

using nlohmann::json;

constexpr std::string_view kSelect =
    "SELECT c.id AS id, c.project_id AS project_id, c.kind AS kind, c.text AS text, "
    "c.raised_by_id AS raised_by_id, c.raised_by_name AS raised_by_name, "
    "c.responsible_id AS responsible_id, c.pdca AS pdca, c.card_date AS card_date, "
    "c.board_column AS board_column, c.position AS position, c.version AS version, "
    "c.created_at AS created_at, c.updated_at AS updated_at, r.name AS raised_by_person, "
    "p.name AS responsible_name "
    "FROM kaizen_cards c "
    "LEFT JOIN people r ON r.tenant_id = c.tenant_id AND r.id = c.raised_by_id "
    "LEFT JOIN people p ON p.tenant_id = c.tenant_id AND p.id = c.responsible_id "
    "WHERE c.tenant_id = :tenant_id AND ";

constexpr std::string_view kInsert =
    "INSERT INTO kaizen_cards (tenant_id, id, project_id, kind, text, raised_by_id, "
    "raised_by_name, responsible_id, pdca, card_date, board_column, position, version, "
    "created_at, updated_at) VALUES (:tenant_id, :id, :project_id, :kind, :text, :raised_by_id, "
    ":raised_by_name, :responsible_id, :pdca, :card_date, :board_column, :position, 1, "
    ":created_at, :updated_at)";

constexpr std::string_view kUpdate =
    "UPDATE kaizen_cards SET kind = :kind, text = :text, raised_by_id = :raised_by_id, "
    "raised_by_name = :raised_by_name, responsible_id = :responsible_id, pdca = :pdca, "
    "card_date = :card_date, board_column = :board_column, position = :position, "
    "version = version + 1, updated_at = :updated_at "
    "WHERE tenant_id = :tenant_id AND id = :id AND version = :version";

constexpr std::string_view kMoveOther =
    "UPDATE kaizen_cards SET board_column = :board_column, position = :position "
    "WHERE tenant_id = :tenant_id AND id = :id";

constexpr std::string_view kDelete =
    "DELETE FROM kaizen_cards WHERE tenant_id = :tenant_id AND id = :id";

constexpr std::string_view kSlots =
    "SELECT id, board_column, position FROM kaizen_cards "
    "WHERE tenant_id = :tenant_id AND project_id = :project_id";

// Portable upsert (SQLite 3.24+, PostgreSQL 9.5+). On PostgreSQL it also locks the
// board's row, so two moves on one board renumber one after the other.
constexpr std::string_view kBump =
    "INSERT INTO kaizen_boards (tenant_id, project_id, version) "
    "VALUES (:tenant_id, :project_id, 1) "
    "ON CONFLICT (tenant_id, project_id) DO UPDATE SET version = kaizen_boards.version + 1";

constexpr std::string_view kBoardVersion =
    "SELECT version FROM kaizen_boards WHERE tenant_id = :tenant_id AND project_id = :project_id";

constexpr std::string_view kPersonExists =
    "SELECT COUNT(*) FROM people WHERE tenant_id = :tenant_id AND id = :id";

Card from_row(const soci::row& r) {
  Card c;
  c.id = db::text(r, "id");
  c.project_id = db::text(r, "project_id");
  c.kind = db::text(r, "kind");
  c.text = db::text(r, "text");
  c.raised_by_id = db::opt_text(r, "raised_by_id");
  c.raised_by_name = db::opt_text(r, "raised_by_name");
  c.responsible_id = db::opt_text(r, "responsible_id");
  c.pdca = db::opt_text(r, "pdca");
  c.card_date = db::text(r, "card_date");
  c.column = db::text(r, "board_column");
  c.position = static_cast<int>(db::integer(r, "position"));
  c.version = db::integer(r, "version");
  c.created_at = db::text(r, "created_at");
  c.updated_at = db::text(r, "updated_at");
  c.raised_by_person = db::opt_text(r, "raised_by_person");
  c.responsible_name = db::opt_text(r, "responsible_name");
  return c;
}

// The audit trail keeps the card itself, not the names joined to it.
json audited(const Card& c) {
  json j = to_json(c);
  j.erase("raised_by");
  j.erase("responsible_name");
  return j;
}

}  // namespace

db::Event<CardDone>& card_done() {
  static db::Event<CardDone> event;
  return event;
}

std::vector<Card> KaizenStore::query(const std::string& where, const std::string& key,
                                     const std::string& value) {
  std::string q = std::string(kSelect) + where;
  std::vector<Card> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(value, key));
  for (const auto& r : rows) out.push_back(from_row(r));
  return board_order(std::move(out));
}

void KaizenStore::check_people(const Card& card, const Card* before) {
  auto check = [&](const std::optional<std::string>& id, const std::optional<std::string>& stored,
                   const char* field) {
    if (!id || (before && id == stored)) return;
    int n = 0;
    sql_ << kPersonExists, soci::use(tenant_id_, "tenant_id"), soci::use(*id, "id"), soci::into(n);
    if (n == 0) throw core::ValidationError(field, "no such person");
  };
  check(card.raised_by_id, before ? before->raised_by_id : std::nullopt, "raised_by_id");
  check(card.responsible_id, before ? before->responsible_id : std::nullopt, "responsible_id");
}

void KaizenStore::bump(const std::string& project_id) {
  sql_ << kBump, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id");
}

long long KaizenStore::board_version(const std::string& project_id) {
  long long v = 0;
  soci::indicator ind = soci::i_null;
  sql_ << kBoardVersion, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id"),
      soci::into(v, ind);
  return sql_.got_data() && ind == soci::i_ok ? v : 0;
}

std::vector<Slot> KaizenStore::slots(const std::string& project_id) {
  std::vector<Slot> out;
  soci::rowset<soci::row> rows = (sql_.prepare << kSlots, soci::use(tenant_id_, "tenant_id"),
                                  soci::use(project_id, "project_id"));
  for (const auto& r : rows) {
    out.push_back({db::text(r, "id"), db::text(r, "board_column"),
                   static_cast<int>(db::integer(r, "position"))});
  }
  return out;
}

void KaizenStore::write_slots(const std::vector<Slot>& changed, const std::string& except) {
  for (const auto& s : changed) {
    if (s.id == except) continue;
    sql_ << kMoveOther, soci::use(s.column, "board_column"), soci::use(s.position, "position"),
        soci::use(tenant_id_, "tenant_id"), soci::use(s.id, "id");
  }
}

std::vector<Slot> KaizenStore::place(Card& c, const Card& asked) {
  auto board = slots(c.project_id);
  int end = static_cast<int>(std::count_if(board.begin(), board.end(),
                                           [&](const Slot& s) { return s.column == c.column; }));
  c.position = end;
  if (!asked.position_asked || asked.position >= end) return {};
  board.push_back({c.id, c.column, end});
  auto changed = plan_move(board, c.id, c.column, asked.position);
  for (const auto& s : changed) {
    if (s.id == c.id) c.position = s.position;
  }
  return changed;
}

Card KaizenStore::create(const core::AuthContext* who, const std::string& project_id,
                         const Card& card) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).get(project_id);
  bump(project_id);
  check_people(card, nullptr);
  Card c = card;
  c.id = core::new_id();
  c.project_id = project_id;
  if (!c.raised_by_id && !c.raised_by_name && who) {
    if (!who->person_id.empty()) {
      c.raised_by_id = who->person_id;
    } else if (!who->name.empty()) {
      c.raised_by_name = who->name;
    }
  }
  if (c.card_date.empty()) c.card_date = actions::local_today();
  // Open the gap first: the new card takes its place after.
  write_slots(place(c, card), c.id);
  c.created_at = c.updated_at = core::now_iso();
  db::NullableText raised_id(c.raised_by_id), raised_name(c.raised_by_name),
      responsible(c.responsible_id), pdca(c.pdca);
  sql_ << kInsert, soci::use(tenant_id_, "tenant_id"), soci::use(c.id, "id"),
      soci::use(c.project_id, "project_id"), soci::use(c.kind, "kind"), soci::use(c.text, "text"),
      soci::use(raised_id.value, raised_id.ind, "raised_by_id"),
      soci::use(raised_name.value, raised_name.ind, "raised_by_name"),
      soci::use(responsible.value, responsible.ind, "responsible_id"),
      soci::use(pdca.value, pdca.ind, "pdca"), soci::use(c.card_date, "card_date"),
      soci::use(c.column, "board_column"), soci::use(c.position, "position"),
      soci::use(c.created_at, "created_at"), soci::use(c.updated_at, "updated_at");
  auto created = get(c.id);
  audit::record(sql_, tenant_id_, who, "kaizen_card", c.id, "create", nullptr, audited(created));
  tx.commit();
  return created;
}

std::vector<Card> KaizenStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).get(project_id);
  return query("c.project_id = :project_id", "project_id", project_id);
}

Card KaizenStore::get(const std::string& id) {
  auto rows = query("c.id = :id", "id", id);
  if (rows.empty()) throw core::NotFound("no kaizen card with id " + id);
  return rows.front();
}

Card KaizenStore::update(const core::AuthContext* who, const Card& changed,
                         long long expected_version) {
  db::WriteTx tx(sql_);
  bump(get(changed.id).project_id);  // first: serialises writers of this board
  bool was_done = false;
  Card after = kit::versioned_update<Card>(
      sql_, tenant_id_, who, "kaizen_card", changed.id, expected_version,
      [&] { return get(changed.id); },
      [&](long long version) {
        Card before = get(changed.id);
        was_done = before.column == "done";
        check_people(changed, &before);
        return write(before, changed, version);
      },
      audited, "the card was changed by someone else");
  if (after.column == "done" && !was_done) card_done().publish(sql_, {tenant_id_, who, after});
  tx.commit();
  return after;
}

// A move is an update of column and position (the audit log knows create, update, delete);
// the other cards of the columns involved are renumbered first.
long long KaizenStore::write(const Card& before, Card after, long long version) {
  std::vector<Slot> changed;
  // A new column without a position: the end of that column.
  int position = after.position_asked            ? after.position
                 : after.column == before.column ? before.position
                                                 : kMaxPosition;
  after.position = before.position;
  if (after.column != before.column || after.position_asked) {
    changed = plan_move(slots(before.project_id), before.id, after.column, position);
    for (const auto& s : changed) {
      if (s.id == before.id) after.position = s.position;
    }
  }
  after.updated_at = core::now_iso();
  write_slots(changed, before.id);
  db::NullableText raised_id(after.raised_by_id), raised_name(after.raised_by_name),
      responsible(after.responsible_id), pdca(after.pdca);
  soci::statement st =
      (sql_.prepare << kUpdate, soci::use(after.kind, "kind"), soci::use(after.text, "text"),
       soci::use(raised_id.value, raised_id.ind, "raised_by_id"),
       soci::use(raised_name.value, raised_name.ind, "raised_by_name"),
       soci::use(responsible.value, responsible.ind, "responsible_id"),
       soci::use(pdca.value, pdca.ind, "pdca"), soci::use(after.card_date, "card_date"),
       soci::use(after.column, "board_column"), soci::use(after.position, "position"),
       soci::use(after.updated_at, "updated_at"), soci::use(tenant_id_, "tenant_id"),
       soci::use(before.id, "id"), soci::use(version, "version"));
  return kit::changed_rows(st);
}

void KaizenStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  Card before = get(id);
  bump(before.project_id);
  auto changed = plan_remove(slots(before.project_id), id);
  sql_ << kDelete, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id");
  write_slots(changed, id);
  audit::record(sql_, tenant_id_, who, "kaizen_card", id, "delete", audited(before), nullptr);
  tx.commit();
}

Card KaizenStore::decide(const core::AuthContext* who, const std::string& id,
                         long long expected_version, const std::string& column,
                         projects::GateDecision decision) {
  if (std::find(kDecidedColumns.begin(), kDecidedColumns.end(), column) == kDecidedColumns.end())
    throw core::ValidationError("column", "must be one of: done, rejected");
  db::WriteTx tx(sql_);
  Card move = get(id);
  move.column = column;
  Card after = update(who, move, expected_version);
  decision.links.push_back("/projects/" + after.project_id + "/kaizen/" + after.id);
  projects::ProjectStore(sql_, tenant_id_).record_decision(who, after.project_id, decision);
  tx.commit();
  return after;
}

}  // namespace kaizen
