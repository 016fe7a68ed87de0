#include "kaizen/kaizen_store.hpp"

#include <algorithm>
#include <string_view>

#include "actions/action.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/name_joins.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"

namespace kaizen {
namespace {

using nlohmann::json;

// The table keeps the card's fields and its place in its column.
const db::Columns<Card>& columns() {
  static const auto c = card_fields().columns("kaizen_cards").integer("position", &Card::position);
  return c;
}

const db::Columns<Slot>& slot_columns() {
  static const auto c = db::Columns<Slot>()
                            .text("id", &Slot::id)
                            .text("board_column", &Slot::column)
                            .integer("position", &Slot::position);
  return c;
}

const std::vector<kit::NameJoin<Card>> kNames = {
    {"raised_by_person", "people", "raised_by_id", &Card::raised_by_person},
    {"responsible_name", "people", "responsible_id", &Card::responsible_name}};

const std::string kSelect = kit::select_with_names(columns(), "c", kNames) + " AND ";

constexpr std::string_view kMoveOther =
    "UPDATE kaizen_cards SET board_column = :board_column, position = :position "
    "WHERE tenant_id = :tenant_id AND id = :id";

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

// The card with the names of the people joined to it.
Card from_row(const db::Row& r) { return kit::read_with_names(columns(), r, kNames); }

json audited(const Card& c) { return kit::without(to_json(c), {"raised_by", "responsible_name"}); }

}  // namespace

db::Event<CardDone>& card_done() {
  static db::Event<CardDone> event;
  return event;
}

std::vector<Card> KaizenStore::query(const std::string& where, const std::string& key,
                                     const std::string& value) {
  return board_order(kit::rows_where(sql_, kSelect, tenant_id_, where, key, value, from_row));
}

void KaizenStore::check_people(const Card& card, const Card* before) {
  auto check = [&](const std::optional<std::string>& id, const std::optional<std::string>& stored,
                   const char* field) {
    if (!id || (before && id == stored)) return;
    if (!org::PersonStore(sql_, tenant_id_).exists(*id))
      throw core::ValidationError(field, "no such person");
  };
  check(card.raised_by_id, before ? before->raised_by_id : std::nullopt, "raised_by_id");
  check(card.responsible_id, before ? before->responsible_id : std::nullopt, "responsible_id");
}

void KaizenStore::bump(const std::string& project_id) {
  db::execute(sql_, kBump, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
}

long long KaizenStore::board_version(const std::string& project_id) {
  return db::scalar(sql_, kBoardVersion, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
}

std::vector<Slot> KaizenStore::slots(const std::string& project_id) {
  return slot_columns().read_all(
      db::query(sql_, kSlots, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
}

void KaizenStore::write_slots(const std::vector<Slot>& changed, const std::string& except) {
  for (const auto& s : changed) {
    if (s.id == except) continue;
    db::execute(sql_, kMoveOther, slot_columns().args(s, {{"tenant_id", tenant_id_}}));
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
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
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
  db::execute(sql_, columns().insert_sql(), columns().args(c, {{"tenant_id", tenant_id_}}));
  auto created = get(c.id);
  audit::record(sql_, tenant_id_, who, "kaizen_card", c.id, "create", nullptr, audited(created));
  tx.commit();
  return created;
}

std::vector<Card> KaizenStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return query("c.project_id = :project_id", "project_id", project_id);
}

Card KaizenStore::get(const std::string& id) {
  return core::found(query("c.id = :id", "id", id), "kaizen card", id);
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
  after.id = before.id;
  return db::execute(sql_, columns().update_sql(),
                     columns().args(after, {{"tenant_id", tenant_id_}, {"expected", version}}));
}

void KaizenStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  Card before = get(id);
  bump(before.project_id);
  auto changed = plan_remove(slots(before.project_id), id);
  db::execute(sql_, columns().delete_sql(), {{"tenant_id", tenant_id_}, {"id", id}});
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

std::map<std::string, int> KaizenStore::column_counts(const std::string& project_id) {
  static constexpr std::string_view kCounts =
      "SELECT board_column, COUNT(*) AS cards FROM kaizen_cards WHERE tenant_id = :tenant_id AND "
      "project_id = :project_id GROUP BY board_column";
  std::map<std::string, int> out;
  for (const auto& r :
       db::query(sql_, kCounts, {{"tenant_id", tenant_id_}, {"project_id", project_id}}))
    out[db::text(r, "board_column")] = static_cast<int>(db::integer(r, "cards"));
  return out;
}

}  // namespace kaizen
