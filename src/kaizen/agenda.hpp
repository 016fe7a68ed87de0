#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "kaizen/card.hpp"

namespace kaizen {

// The standard agenda of a kaizen meeting, generated from the board (issue 5, point 5).
struct AgendaKpi {
  std::string id;
  std::string name;
  std::vector<std::string> rules;  // the rules that signal, each once
};

struct AgendaAction {
  std::string id;
  std::string task;
  std::optional<std::string> responsible_name;
  std::string deadline;
};

struct PreviousMeeting {
  std::string id;
  std::string title;
  std::string starts_at;  // local "YYYY-MM-DDTHH:MM"
};

struct Agenda {
  std::optional<PreviousMeeting> previous;
  std::vector<AgendaKpi> kpis;        // KPIs with a signal that is new since `previous`
  std::vector<AgendaAction> actions;  // overdue rows of the action plan
  std::vector<Card> cards;            // cards to decide
};

// Cards to decide: cards in "new" or "in_progress" whose date (the day they were
// raised) is before the day of the previous kaizen meeting (`since`, "YYYY-MM-DD…"),
// i.e. they have waited a whole meeting cycle; with no previous meeting, every open
// card. Board order.
std::vector<Card> cards_to_decide(const std::vector<Card>& cards,
                                  const std::optional<std::string>& since);

// Reads the board, the KPIs' run charts, the action plan and the project's kaizen
// meetings. `before` ("YYYY-MM-DDTHH:MM", local) picks the previous meeting: the
// latest kaizen meeting starting before it, other than `meeting_id`.
Agenda build_agenda(soci::session& sql, const std::string& tenant_id, const std::string& project_id,
                    const std::string& before, const std::string& meeting_id = "");

// The agenda as the meeting's lines, in a language: a fixed opening, a line per KPI,
// overdue action and card, and a closing line; at most `max_lines`.
using Translate = std::string (*)(const std::string& locale, const std::string& key);
std::vector<std::string> agenda_lines(const Agenda& agenda, const std::string& locale, Translate t,
                                      std::size_t max_lines);

nlohmann::json to_json(const Agenda& agenda, const std::vector<std::string>& lines);

}  // namespace kaizen
