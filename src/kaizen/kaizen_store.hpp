#pragma once

#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/events.hpp"
#include "db/tenant_scoped.hpp"
#include "kaizen/card.hpp"
#include "projects/project_store.hpp"

namespace kaizen {

class KaizenStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // A new card, at the end of its column (or at `position`). Without raised_by_id and
  // raised_by_name, the caller's person raised it. ValidationError for people not in
  // the tenant.
  Card create(const core::AuthContext* who, const std::string& project_id, const Card& card);
  // The project's cards in board order. NotFound when the project is not in the tenant.
  std::vector<Card> of_project(const std::string& project_id);
  // How many of the project's cards each column holds (columns without cards left out).
  std::map<std::string, int> column_counts(const std::string& project_id);
  Card get(const std::string& id);  // NotFound when not in this tenant
  // Stores the changed card and, with another column or a position asked for, moves it;
  // the other cards of the columns involved are renumbered in the same transaction.
  // Conflict (with the current card) when `expected_version` is not the stored one.
  Card update(const core::AuthContext* who, const Card& changed, long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);
  // Moves the card to done or rejected and records the decision in the project's
  // decision log, naming and linking the card; both or neither.
  Card decide(const core::AuthContext* who, const std::string& id, long long expected_version,
              const std::string& column, projects::GateDecision decision);
  // Bumped by every write to the project's board; 0 before the first.
  long long board_version(const std::string& project_id);

 private:
  std::vector<Card> query(const std::string& where, const std::string& key,
                          const std::string& value);
  // ValidationError for a person not in the tenant (only those new against `before`).
  void check_people(const Card& card, const Card* before);
  long long write(const Card& before, Card after, long long version);
  void bump(const std::string& project_id);
  // Writes the positions of the cards other than `except` that plan_move changed.
  void write_slots(const std::vector<Slot>& slots, const std::string& except);
  std::vector<Slot> slots(const std::string& project_id);
  // A new card's place: its column's end, or the place `asked` (the cards from there on
  // move down one); sets c.position and returns the other cards' new slots.
  std::vector<Slot> place(Card& c, const Card& asked);
};

// A card reached "done" (published inside the move's transaction): the wins log records a
// win for it (src/app/app.cpp) without the board knowing the wins log.
using CardDone = db::Written<Card>;
db::Event<CardDone>& card_done();

}  // namespace kaizen
