// The kaizen board's pure rules: moving and removing cards renumbers the columns,
// keyboard steps stop at the edges, card fields are validated by name, and the
// cards to decide at a kaizen meeting.
#include "kaizen/card.hpp"

#include <algorithm>
#include <map>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "kaizen/agenda.hpp"
#include "kit/expect_fields.hpp"

namespace kaizen {
namespace {

using nlohmann::json;

// new: a b c · in_progress: d e · done: (empty) · rejected: f
std::vector<Slot> board() {
  return {{"a", "new", 0},         {"b", "new", 1},         {"c", "new", 2},
          {"d", "in_progress", 0}, {"e", "in_progress", 1}, {"f", "rejected", 0}};
}

// The board after applying `changed`, as "column:id id id" per column.
std::map<std::string, std::string> applied(std::vector<Slot> slots,
                                           const std::vector<Slot>& changed) {
  for (const auto& c : changed) {
    for (auto& s : slots) {
      if (s.id == c.id) s = c;
    }
  }
  std::sort(slots.begin(), slots.end(), [](const Slot& x, const Slot& y) {
    return x.column != y.column ? x.column < y.column : x.position < y.position;
  });
  std::map<std::string, std::string> out;
  for (const auto& s : slots) {
    auto& line = out[s.column];
    EXPECT_EQ(s.position,
              static_cast<int>(std::count(line.begin(), line.end(), ' ')) + (line.empty() ? 0 : 1))
        << "positions of " << s.column << " are not 0, 1, 2…";
    line += (line.empty() ? "" : " ") + s.id;
  }
  return out;
}

TEST(KaizenMoveTest, ToAnotherColumnClosesTheGapAndOpensOne) {
  auto changed = plan_move(board(), "b", "in_progress", 1);
  auto after = applied(board(), changed);
  EXPECT_EQ(after["new"], "a c");
  EXPECT_EQ(after["in_progress"], "d b e");
  // Only what changed: b, c (closes up) and e (makes room).
  EXPECT_EQ(changed.size(), 3u);
}

TEST(KaizenMoveTest, WithinAColumn) {
  EXPECT_EQ(applied(board(), plan_move(board(), "a", "new", 2))["new"], "b c a");
  EXPECT_EQ(applied(board(), plan_move(board(), "c", "new", 0))["new"], "c a b");
  EXPECT_TRUE(plan_move(board(), "b", "new", 1).empty());  // where it is already
}

TEST(KaizenMoveTest, PositionIsClampedToTheColumnEnd) {
  auto after = applied(board(), plan_move(board(), "a", "done", 99));
  EXPECT_EQ(after["done"], "a");
  EXPECT_EQ(applied(board(), plan_move(board(), "d", "rejected", 99))["rejected"], "f d");
  EXPECT_EQ(applied(board(), plan_move(board(), "a", "new", 99))["new"], "b c a");
}

TEST(KaizenMoveTest, GapsAndTiesInStoredPositionsAreRepaired) {
  std::vector<Slot> messy = {{"x", "new", 5}, {"y", "new", 5}, {"z", "new", 9}};
  auto after = applied(messy, plan_move(messy, "z", "new", 0));
  EXPECT_EQ(after["new"], "z x y");
}

TEST(KaizenMoveTest, UnknownCardIsNotFound) {
  EXPECT_THROW(plan_move(board(), "nope", "new", 0), core::NotFound);
  EXPECT_THROW(plan_remove(board(), "nope"), core::NotFound);
}

TEST(KaizenMoveTest, RemoveClosesTheColumn) {
  auto changed = plan_remove(board(), "a");
  ASSERT_EQ(changed.size(), 2u);
  EXPECT_EQ(changed[0].id, "b");
  EXPECT_EQ(changed[0].position, 0);
  EXPECT_EQ(changed[1].id, "c");
  EXPECT_EQ(changed[1].position, 1);
  EXPECT_TRUE(plan_remove(board(), "c").empty());
}

TEST(KaizenStepTest, KeyboardStepsStopAtTheEdges) {
  auto b = board();
  EXPECT_FALSE(step(b, "a", "left"));
  EXPECT_FALSE(step(b, "a", "up"));
  EXPECT_FALSE(step(b, "c", "down"));
  EXPECT_FALSE(step(b, "f", "right"));
  auto right = step(b, "c", "right");  // place 2 in new → end of in_progress (2 cards)
  ASSERT_TRUE(right);
  EXPECT_EQ(right->column, "in_progress");
  EXPECT_EQ(right->position, 2);
  auto first = step(b, "a", "right");
  EXPECT_EQ(first->position, 0);
  auto down = step(b, "a", "down");
  EXPECT_EQ(down->column, "new");
  EXPECT_EQ(down->position, 1);
  auto into_empty = step(b, "e", "right");
  EXPECT_EQ(into_empty->column, "done");
  EXPECT_EQ(into_empty->position, 0);
}

TEST(KaizenCardTest, FieldsAreValidatedByName) {
  core::Input input(json{{"kind", "complaint"},
                         {"text", ""},
                         {"card_date", "2026-02-30"},
                         {"column", "later"},
                         {"position", -1}});
  auto errors = testing_kit::field_errors([&] { card_fields().parse_new(input); });
  for (const char* f : {"kind", "text", "card_date", "column", "position"})
    EXPECT_TRUE(errors.count(f)) << f;
}

TEST(KaizenCardTest, AnUpdateMayNotEmptyKindOrDate) {
  Card stored;
  stored.id = "c1";
  stored.text = "Borgeren venter";
  stored.card_date = "2026-04-14";
  core::Input input(json{{"kind", ""}, {"card_date", nullptr}, {"text", "Rettet"}});
  auto errors = testing_kit::field_errors([&] { card_fields().apply(input, stored); });
  EXPECT_TRUE(errors.count("kind"));
  EXPECT_TRUE(errors.count("card_date"));
  EXPECT_FALSE(errors.count("text"));
}

TEST(KaizenCardTest, AMoveGoesToTheColumnsEndUnlessAPlaceIsAsked) {
  Card stored;
  stored.id = "c1";
  stored.position = 3;
  core::Input to_end(json{{"column", "done"}});
  Card moved = move_fields().parse_new(to_end, stored);
  EXPECT_EQ(moved.column, "done");
  EXPECT_FALSE(moved.position_asked);
  core::Input placed(json{{"column", "done"}, {"position", 0}});
  moved = move_fields().parse_new(placed, stored);
  EXPECT_TRUE(moved.position_asked);
  EXPECT_EQ(moved.position, 0);
  core::Input none(json::object());
  EXPECT_THROW(move_fields().parse_new(none, stored), core::ValidationError);
  EXPECT_EQ(card_fields().to_json(stored)["position"], 3);
}

TEST(KaizenCardTest, DefaultsOnCreate) {
  core::Input input(json{{"text", "Borgeren venter"}});
  Card c = card_fields().parse_new(input);
  EXPECT_EQ(c.kind, "problem");
  EXPECT_EQ(c.column, "new");
  EXPECT_FALSE(c.position_asked);
  EXPECT_EQ(c.card_date, "");  // the store fills in today
  EXPECT_EQ(c.text, "Borgeren venter");
  EXPECT_EQ(raised_by(c), "");
  c.raised_by_name = "Medarbejder";
  EXPECT_EQ(raised_by(c), "Medarbejder");
  c.raised_by_person = "Anne";
  EXPECT_EQ(raised_by(c), "Anne");
}

Card card(const std::string& id, const std::string& column, const std::string& date, int pos = 0) {
  Card c;
  c.id = id;
  c.column = column;
  c.card_date = date;
  c.position = pos;
  return c;
}

TEST(KaizenAgendaTest, CardsToDecideWaitedAMeetingCycle) {
  std::vector<Card> cards = {card("1", "new", "2026-04-01"), card("2", "new", "2026-04-20", 1),
                             card("3", "in_progress", "2026-04-10"),
                             card("4", "done", "2026-04-01"), card("5", "rejected", "2026-04-01")};
  auto open = cards_to_decide(cards, std::optional<std::string>("2026-04-14T14:00"));
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, "1");
  EXPECT_EQ(open[1].id, "3");
  // No previous meeting: every open card.
  EXPECT_EQ(cards_to_decide(cards, std::nullopt).size(), 3u);
  // Raised the day of the meeting: not yet.
  EXPECT_TRUE(
      cards_to_decide({card("6", "new", "2026-04-14")}, std::string("2026-04-14T14:00")).empty());
}

std::string fake_t(const std::string&, const std::string& key) {
  if (key == "kaizen_agenda_card") return "Card: {text} ({column})";
  return key;
}

TEST(KaizenAgendaTest, LinesKeepOpeningAndClosingWithinTheLimit) {
  Agenda a;
  for (int i = 0; i < 60; ++i) a.cards.push_back(card(std::to_string(i), "new", "2026-01-01"));
  auto lines = agenda_lines(a, "da", &fake_t, 50);
  ASSERT_EQ(lines.size(), 50u);
  EXPECT_EQ(lines.front(), "kaizen_agenda_open");
  EXPECT_EQ(lines.back(), "kaizen_agenda_close");
  EXPECT_EQ(lines[1], "Card:  (kaizen_column_new)");
  auto empty = agenda_lines(Agenda{}, "da", &fake_t, 50);
  ASSERT_EQ(empty.size(), 3u);
  EXPECT_EQ(empty[1], "kaizen_agenda_nothing");
}

TEST(KaizenOrderTest, BoardOrderIsColumnThenPosition) {
  auto sorted = board_order({card("x", "done", "", 0), card("y", "new", "", 1),
                             card("z", "new", "", 0), card("w", "rejected", "", 0)});
  EXPECT_EQ(sorted[0].id, "z");
  EXPECT_EQ(sorted[1].id, "y");
  EXPECT_EQ(sorted[2].id, "x");
  EXPECT_EQ(sorted[3].id, "w");
}

}  // namespace
}  // namespace kaizen
