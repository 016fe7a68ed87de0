#include "kaizen/card.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "projects/project.hpp"

namespace kaizen {
namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

std::optional<std::optional<std::string>> text_field(core::Input& input, const std::string& field,
                                                     std::size_t max_len) {
  if (!input.has(field)) return std::nullopt;
  auto v = input.optional_text(field, max_len);
  if (!v || v->empty()) return std::optional<std::string>();
  return std::optional<std::string>(*v);
}

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

}  // namespace

int column_index(const std::string& column) {
  auto it = std::find(kColumns.begin(), kColumns.end(), column);
  return static_cast<int>(it - kColumns.begin());
}

CardFields parse_card(core::Input& input, bool creating) {
  CardFields f;
  if (creating || input.has("kind")) {
    if (present(input, "kind")) {
      f.kind = input.required_choice("kind", kKinds);
    } else if (creating) {
      f.kind = "problem";
    } else {
      input.fail("kind", "is required");
    }
  }
  if (creating || input.has("text")) f.text = input.required_text("text", kTextMax);
  f.raised_by_id = text_field(input, "raised_by_id", 64);
  f.raised_by_name = text_field(input, "raised_by_name", kNameMax);
  f.responsible_id = text_field(input, "responsible_id", 64);
  f.pdca = text_field(input, "pdca", kPdcaMax);
  if (input.has("card_date")) {
    auto d = text_field(input, "card_date", 40);
    if (d && *d) {
      if (!core::is_valid_date(**d)) {
        input.fail("card_date", "must be a date like 2026-03-31");
      } else {
        f.card_date = **d;
      }
    } else if (!creating) {
      input.fail("card_date", "is required");
    }
  }
  if (present(input, "column")) f.column = input.required_choice("column", kColumns);
  if (present(input, "position")) {
    auto p = input.optional_int("position", 0, kMaxPosition);
    if (p) f.position = static_cast<int>(*p);
  }
  return f;
}

Card apply_fields(Card c, const CardFields& f) {
  if (f.kind) c.kind = *f.kind;
  if (f.text) c.text = *f.text;
  if (f.card_date) c.card_date = *f.card_date;
  if (f.raised_by_id) c.raised_by_id = *f.raised_by_id;
  if (f.raised_by_name) c.raised_by_name = *f.raised_by_name;
  if (f.responsible_id) c.responsible_id = *f.responsible_id;
  if (f.pdca) c.pdca = *f.pdca;
  return c;
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

json to_json(const Card& c) {
  json j = {{"id", c.id},
            {"project_id", c.project_id},
            {"kind", c.kind},
            {"text", c.text},
            {"raised_by_id", opt(c.raised_by_id)},
            {"raised_by_name", opt(c.raised_by_name)},
            {"raised_by", raised_by(c)},
            {"responsible_id", opt(c.responsible_id)},
            {"responsible_name", opt(c.responsible_name)},
            {"pdca", opt(c.pdca)},
            {"card_date", c.card_date},
            {"column", c.column},
            {"position", c.position},
            {"version", c.version},
            {"created_at", c.created_at},
            {"updated_at", c.updated_at}};
  return j;
}

}  // namespace kaizen
