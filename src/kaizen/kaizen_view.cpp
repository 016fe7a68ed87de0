#include "kaizen/kaizen_view.hpp"

#include "core/errors.hpp"
#include "core/input.hpp"
#include "meetings/meeting_store.hpp"
#include "web/i18n.hpp"

namespace kaizen {
namespace {

using nlohmann::json;

}  // namespace

core::Message decision_text(const Card& card, const std::string& column, const std::string& text) {
  return core::Message{"decision_kaizen_card",
                       {{"card", core::utf8_shorten(card.text, 120)},
                        {"column", {{"key", "kaizen_column_" + column}}},
                        {"decision", text}}};
}

projects::GateDecision card_decision(soci::session& sql, const std::string& tenant_id,
                                     const Card& card, const std::string& column,
                                     projects::GateDecision decision,
                                     const std::string& meeting_id) {
  if (!meeting_id.empty()) {
    auto m = meetings::MeetingStore(sql, tenant_id).get(meeting_id);
    if (m.project_id != card.project_id)
      throw core::ValidationError("meeting_id", "is not a meeting of the project");
    decision.meeting_id = m.id;
  }
  decision.text = decision_text(card, column, decision.text).stored();
  return decision;
}

json board_view(const http::Request& req, const std::string& project_id,
                const std::vector<Card>& cards, long long board_version,
                const BoardOptions& options) {
  const std::string& locale = req.locale;
  std::string base = "/projects/" + project_id + "/kaizen";
  json columns = json::array();
  for (std::size_t ci = 0; ci < kColumns.size(); ++ci) {
    const auto& column = kColumns[ci];
    json items = json::array();
    std::vector<const Card*> in_column;
    for (const auto& c : cards) {
      if (c.column == column) in_column.push_back(&c);
    }
    for (std::size_t i = 0; i < in_column.size(); ++i) {
      const Card& c = *in_column[i];
      std::string who = raised_by(c);
      items.push_back({{"id", c.id},
                       {"text", c.text},
                       {"kind", c.kind},
                       {"kind_label", web::t(locale, "kaizen_kind_" + c.kind)},
                       {"raised_by", who.empty() ? json() : json(who)},
                       {"responsible", c.responsible_name ? json(*c.responsible_name) : json()},
                       {"date", c.card_date},
                       {"pdca", c.pdca ? json(*c.pdca) : json()},
                       {"version", std::to_string(c.version)},
                       {"position", std::to_string(i + 1)},
                       {"url", base + "/cards/" + c.id},
                       {"move_url", base + "/cards/" + c.id + "/move"},
                       {"can_left", ci > 0},
                       {"can_right", ci + 1 < kColumns.size()},
                       {"can_up", i > 0},
                       {"can_down", i + 1 < in_column.size()}});
    }
    columns.push_back({{"key", column},
                       {"label", web::t(locale, "kaizen_column_" + column)},
                       {"count", std::to_string(in_column.size())},
                       {"cards", items},
                       {"empty", in_column.empty()}});
  }
  return {{"project_id", project_id},
          {"columns", columns},
          {"version", std::to_string(board_version)},
          {"poll_url", base + (options.wall ? "/wall/columns" : "/board") +
                           "?v=" + std::to_string(board_version)},
          {"may_edit", options.may_edit && !options.wall},
          {"wall", options.wall},
          {"announce", options.announce}};
}

json column_counts(const http::Request& req, const std::map<std::string, int>& counts) {
  json out = json::array();
  for (const auto& column : kColumns) {
    auto it = counts.find(column);
    const int n = it == counts.end() ? 0 : it->second;
    out.push_back({{"key", column},
                   {"label", web::t(req.locale, "kaizen_column_" + column)},
                   {"count", std::to_string(n)}});
  }
  return out;
}

}  // namespace kaizen
