#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "kit/fields.hpp"

namespace kaizen {

// The board's columns, left to right (seed 000, section 5: the kaizen board).
inline const std::vector<std::string> kColumns = {"new", "in_progress", "done", "rejected"};
inline const std::vector<std::string> kKinds = {"problem", "idea"};
// A card decided at a kaizen meeting ends in one of these columns.
inline const std::vector<std::string> kDecidedColumns = {"done", "rejected"};
inline const std::vector<std::string> kDirections = {"left", "right", "up", "down"};
inline constexpr std::size_t kTextMax = 2000;
inline constexpr std::size_t kPdcaMax = 4000;
inline constexpr std::size_t kNameMax = 200;
inline constexpr int kMaxPosition = 100000;

// One improvement card: a problem or an idea, raised by someone (a person of the
// tenant or a free name: staff without an account raise cards too).
struct Card {
  std::string id;
  std::string project_id;
  std::string kind = "problem";
  std::string text;
  std::optional<std::string> raised_by_id;
  std::optional<std::string> raised_by_name;  // free text when not a person
  std::optional<std::string> responsible_id;
  std::optional<std::string> pdca;  // plan-do-check-act note
  std::string card_date;            // YYYY-MM-DD
  std::string column = "new";
  int position = 0;  // 0-based within the column
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  // Filled by the store from the people table.
  std::optional<std::string> raised_by_person;
  std::optional<std::string> responsible_name;
  // Read from input, not stored: a position was asked for (a move without one goes to
  // the end of its new column).
  bool position_asked = false;
};

// The card's fields, named once (kit/fields.hpp): text (required), kind (default
// problem), who raised it (a person or a free name), responsible, PDCA note, date
// (default today), column (default new) and position (default: the column's end).
const kit::Fields<Card>& card_fields();
// What a move reads: column (required) and position.
const kit::Fields<Card>& move_fields();

// Who raised the card, for people: the person's name or the free name.
std::string raised_by(const Card& card);

// ---- ordering, pure -------------------------------------------------------------

// A card's place on the board.
struct Slot {
  std::string id;
  std::string column;
  int position = 0;
};

// The board after moving `id` to `column` at `position` (clamped to the column's end):
// the card leaves its column, which closes up, and the target column opens a gap.
// Every column comes out numbered 0, 1, 2… in the order given by the current
// positions (ties by id). Returns only the slots whose column or position changed.
// Throws NotFound when `id` is not on the board.
std::vector<Slot> plan_move(std::vector<Slot> board, const std::string& id,
                            const std::string& column, int position);
// The board with `id` removed and its column closed up; the changed slots.
std::vector<Slot> plan_remove(std::vector<Slot> board, const std::string& id);
// The target of a keyboard move: left/right to the same position in the next column,
// up/down one place. nullopt when the card is at the edge already.
std::optional<Slot> step(const std::vector<Slot>& board, const std::string& id,
                         const std::string& direction);
// Cards sorted by column (board order), then position, then id.
std::vector<Card> board_order(std::vector<Card> cards);
int column_index(const std::string& column);  // kColumns.size() when unknown

nlohmann::json to_json(const Card& card);

}  // namespace kaizen
