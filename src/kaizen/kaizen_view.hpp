#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/message.hpp"
#include "http/request.hpp"
#include "kaizen/card.hpp"
#include "projects/project_store.hpp"

namespace kaizen {

// The text of a decision about a card, naming the card: "Kaizenkort «…» → Gennemført: …",
// as a core::Message: the decision log shows it in each reader's language.
core::Message decision_text(const Card& card, const std::string& column, const std::string& text);

// A decision about a card as the log records it, for the API and the card page alike:
// its text names the card, and `meeting_id` (may be empty) must be a meeting of the
// card's project (ValidationError otherwise).
projects::GateDecision card_decision(soci::session& sql, const std::string& tenant_id,
                                     const Card& card, const std::string& column,
                                     projects::GateDecision decision,
                                     const std::string& meeting_id);

struct BoardOptions {
  bool may_edit = false;  // move buttons, drag and drop, edit links
  bool wall = false;      // the wall screen: no controls
  std::string announce;   // what the live region says after a move
};

// The four columns with their cards, for templates/kaizen/board.mustache (and the
// wall's columns): labels, counts, and per card what a person reads and may do.
nlohmann::json board_view(const http::Request& req, const std::string& project_id,
                          const std::vector<Card>& cards, long long board_version,
                          const BoardOptions& options);

// Card counts per column, for the project page.
nlohmann::json column_counts(const http::Request& req, const std::map<std::string, int>& counts);

}  // namespace kaizen
