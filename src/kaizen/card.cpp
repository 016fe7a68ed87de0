#include "kaizen/card.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace kaizen {
namespace {

using nlohmann::json;

bool present(core::Input& input, const std::string& field) {
  if (!input.has(field) || input.is_null(field)) return false;
  const auto& raw = input.raw()[field];
  return !(raw.is_string() && raw.get<std::string>().empty());
}

bool before(const Slot& a, const Slot& b) {
  if (a.position != b.position) return a.position < b.position;
  return a.id < b.id;
}

// The cards of `column` in order.
std::vector<Slot> column_of(const std::vector<Slot>& board, const std::string& column) {
  std::vector<Slot> out;
  for (const auto& s : board) {
    if (s.column == column) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), before);
  return out;
}

// Numbers `cards` 0, 1, 2… in `column`; records what changed against `board`.
void renumber(const std::vector<Slot>& board, std::vector<Slot> cards, const std::string& column,
              std::vector<Slot>& changed) {
  for (std::size_t i = 0; i < cards.size(); ++i) {
    auto it = std::find_if(board.begin(), board.end(),
                           [&](const Slot& s) { return s.id == cards[i].id; });
    Slot now{cards[i].id, column, static_cast<int>(i)};
    if (it == board.end() || it->column != now.column || it->position != now.position)
      changed.push_back(now);
  }
}

// A place asked for: a move without one goes to the end of the new column.
void read_position(core::Input& in, Card& c) {
  if (!present(in, "position")) return;
  if (auto p = in.optional_int("position", 0, kMaxPosition)) {
    c.position = static_cast<int>(*p);
    c.position_asked = true;
  }
}

void write_position(const Card& c, json& out) { out["position"] = c.position; }

json position_schema() {
  return {{"type", "integer"}, {"minimum", 0}, {"description", "0-based in the column"}};
}

// A new card takes the defaults; an update may leave kind and date out, not empty them.
void keep_required(const Card& c, core::Input& in) {
  if (c.id.empty()) return;
  for (const char* f : {"kind", "card_date"})
    if (in.has(f) && !present(in, f)) in.fail(f, "is required");
}

}  // namespace

const kit::Fields<Card>& card_fields() {
  static const kit::Fields<Card> fields =
      kit::Fields<Card>()
          .id(&Card::id)
          .parent(&Card::project_id)
          .choice("kind", &Card::kind, kKinds)
          .text("text", &Card::text, {.required = true, .max = kTextMax})
          .optional_text("raised_by_id", &Card::raised_by_id,
                         {.max = 64, .describe = "a person of the tenant; or use raised_by_name"})
          .optional_text("raised_by_name", &Card::raised_by_name,
                         {.max = kNameMax,
                          .describe = "free name (staff without an account); default: the "
                                      "caller"})
          .computed("raised_by", {{"type", "string"}},
                    [](const Card& c) { return json(raised_by(c)); })
          .optional_text("responsible_id", &Card::responsible_id, {.max = 64})
          .computed(
              "responsible_name", {{"type", {"string", "null"}}},
              [](const Card& c) { return c.responsible_name ? json(*c.responsible_name) : json(); })
          .optional_text("pdca", &Card::pdca,
                         {.max = kPdcaMax, .describe = "plan-do-check-act note"})
          .date("card_date", &Card::card_date, {.describe = "default: today"})
          .choice("column", &Card::column, kColumns,
                  {.describe = "default new; another column needs the edit right",
                   .column = "board_column"})
          .custom("position", position_schema(), read_position, write_position)
          .stamps()
          .check(keep_required);
  return fields;
}

const kit::Fields<Card>& move_fields() {
  static const kit::Fields<Card> fields =
      kit::Fields<Card>()
          .choice("column", &Card::column, kColumns, {.required = true})
          .custom("position", position_schema(), read_position, write_position);
  return fields;
}

int column_index(const std::string& column) {
  auto it = std::find(kColumns.begin(), kColumns.end(), column);
  return static_cast<int>(it - kColumns.begin());
}

std::string raised_by(const Card& c) {
  if (c.raised_by_person) return *c.raised_by_person;
  return c.raised_by_name.value_or("");
}

std::vector<Slot> plan_move(std::vector<Slot> board, const std::string& id,
                            const std::string& column, int position) {
  auto it = std::find_if(board.begin(), board.end(), [&](const Slot& s) { return s.id == id; });
  if (it == board.end()) throw core::NotFound("no card with id " + id);
  Slot moving = *it;
  std::vector<Slot> changed;
  // The source column without the card…
  auto source = column_of(board, moving.column);
  std::erase_if(source, [&](const Slot& s) { return s.id == id; });
  // …and the target column (the same one when moving within a column) with it.
  auto target = column == moving.column ? source : column_of(board, column);
  int at = std::clamp(position, 0, static_cast<int>(target.size()));
  target.insert(target.begin() + at, Slot{id, column, at});
  if (column != moving.column) renumber(board, source, moving.column, changed);
  renumber(board, target, column, changed);
  return changed;
}

std::vector<Slot> plan_remove(std::vector<Slot> board, const std::string& id) {
  auto it = std::find_if(board.begin(), board.end(), [&](const Slot& s) { return s.id == id; });
  if (it == board.end()) throw core::NotFound("no card with id " + id);
  std::string column = it->column;
  auto source = column_of(board, column);
  std::erase_if(source, [&](const Slot& s) { return s.id == id; });
  std::vector<Slot> changed;
  renumber(board, source, column, changed);
  return changed;
}

std::optional<Slot> step(const std::vector<Slot>& board, const std::string& id,
                         const std::string& direction) {
  auto it = std::find_if(board.begin(), board.end(), [&](const Slot& s) { return s.id == id; });
  if (it == board.end()) throw core::NotFound("no card with id " + id);
  auto column = column_of(board, it->column);
  int index = 0;
  for (std::size_t i = 0; i < column.size(); ++i) {
    if (column[i].id == id) index = static_cast<int>(i);
  }
  int c = column_index(it->column);
  if (direction == "up") {
    if (index == 0) return std::nullopt;
    return Slot{id, it->column, index - 1};
  }
  if (direction == "down") {
    if (index + 1 >= static_cast<int>(column.size())) return std::nullopt;
    return Slot{id, it->column, index + 1};
  }
  int to = direction == "left" ? c - 1 : direction == "right" ? c + 1 : -1;
  if (to < 0 || to >= static_cast<int>(kColumns.size())) return std::nullopt;
  int size = static_cast<int>(column_of(board, kColumns[to]).size());
  return Slot{id, kColumns[to], std::min(index, size)};
}

std::vector<Card> board_order(std::vector<Card> cards) {
  std::sort(cards.begin(), cards.end(), [](const Card& a, const Card& b) {
    int ca = column_index(a.column), cb = column_index(b.column);
    if (ca != cb) return ca < cb;
    if (a.position != b.position) return a.position < b.position;
    return a.id < b.id;
  });
  return cards;
}

json to_json(const Card& c) { return card_fields().to_json(c); }

}  // namespace kaizen
