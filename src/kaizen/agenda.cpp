#include "kaizen/agenda.hpp"

#include <algorithm>

#include "actions/action.hpp"
#include "actions/action_store.hpp"
#include "core/input.hpp"
#include "kaizen/kaizen_store.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_store.hpp"
#include "meetings/meeting_store.hpp"

namespace kaizen {
namespace {

using nlohmann::json;

std::string fill(std::string text, const std::string& name, const std::string& value) {
  std::string key = "{" + name + "}";
  auto pos = text.find(key);
  if (pos != std::string::npos) text.replace(pos, key.size(), value);
  return text;
}

}  // namespace

std::vector<Card> cards_to_decide(const std::vector<Card>& cards,
                                  const std::optional<std::string>& since) {
  std::vector<Card> out;
  for (const auto& c : board_order(cards)) {
    if (c.column != "new" && c.column != "in_progress") continue;
    if (since && c.card_date >= since->substr(0, 10)) continue;
    out.push_back(c);
  }
  return out;
}

Agenda build_agenda(soci::session& sql, const std::string& tenant_id, const std::string& project_id,
                    const std::string& before, const std::string& meeting_id) {
  Agenda agenda;
  for (const auto& m : meetings::MeetingStore(sql, tenant_id).of_project(project_id)) {
    if (m.kind != "kaizen" || m.id == meeting_id || m.starts_at >= before) continue;
    if (!agenda.previous || m.starts_at > agenda.previous->starts_at)
      agenda.previous = PreviousMeeting{m.id, m.title, m.starts_at};
  }
  std::optional<std::string> since;
  if (agenda.previous) since = agenda.previous->starts_at;

  std::string today = actions::local_today();
  kpis::KpiStore kpi_store(sql, tenant_id);
  for (const auto& k : kpi_store.of_project(project_id)) {
    auto points = kpi_store.points(k.id);
    if (points.empty()) continue;
    auto chart = kpis::evaluate_chart(k, points, kpi_store.periods(k.id), today);
    std::optional<long> from;
    if (since) from = kpis::period_of_date(kpis::frequency_of(k.frequency), since->substr(0, 10));
    AgendaKpi row{k.id, k.name, {}};
    for (const auto& s : chart.result.signals) {
      bool fresh = !from;
      for (auto index : s.points)
        if (index < points.size() && from && points[index].period >= *from) fresh = true;
      const std::string& rule = s.rule;
      if (fresh && std::find(row.rules.begin(), row.rules.end(), rule) == row.rules.end())
        row.rules.push_back(rule);
    }
    if (!row.rules.empty()) agenda.kpis.push_back(std::move(row));
  }

  for (const auto& a : actions::ActionStore(sql, tenant_id).of_project(project_id)) {
    if (!actions::is_overdue(a, today)) continue;
    agenda.actions.push_back({a.id, a.task, a.responsible_name, a.deadline.value_or("")});
  }
  std::sort(agenda.actions.begin(), agenda.actions.end(),
            [](const AgendaAction& a, const AgendaAction& b) { return a.deadline < b.deadline; });

  agenda.cards = cards_to_decide(KaizenStore(sql, tenant_id).of_project(project_id), since);
  return agenda;
}

std::vector<std::string> agenda_lines(const Agenda& agenda, const std::string& locale, Translate t,
                                      std::size_t max_lines) {
  std::vector<std::string> body;
  for (const auto& k : agenda.kpis) {
    std::string rules;
    for (const auto& r : k.rules) rules += (rules.empty() ? "" : "; ") + t(locale, "kpi_rule_" + r);
    body.push_back(core::utf8_shorten(
        fill(fill(t(locale, "kaizen_agenda_kpi"), "name", k.name), "rules", rules), 480));
  }
  for (const auto& a : agenda.actions) {
    std::string who = a.responsible_name.value_or(t(locale, "kaizen_nobody"));
    body.push_back(
        fill(fill(fill(t(locale, "kaizen_agenda_action"), "task", core::utf8_shorten(a.task, 300)),
                  "who", core::utf8_shorten(who, 80)),
             "deadline", a.deadline));
  }
  for (const auto& c : agenda.cards) {
    body.push_back(
        fill(fill(t(locale, "kaizen_agenda_card"), "text", core::utf8_shorten(c.text, 300)),
             "column", t(locale, "kaizen_column_" + c.column)));
  }
  std::vector<std::string> lines;
  lines.push_back(t(locale, "kaizen_agenda_open"));
  if (body.empty()) lines.push_back(t(locale, "kaizen_agenda_nothing"));
  std::size_t room = max_lines > 2 ? max_lines - 2 : 0;
  for (std::size_t i = 0; i < body.size() && i < room; ++i) lines.push_back(body[i]);
  lines.push_back(t(locale, "kaizen_agenda_close"));
  return lines;
}

json to_json(const Agenda& a, const std::vector<std::string>& lines) {
  json previous;
  if (a.previous) {
    previous = {
        {"id", a.previous->id}, {"title", a.previous->title}, {"starts_at", a.previous->starts_at}};
  }
  json kpis = json::array();
  for (const auto& k : a.kpis) kpis.push_back({{"id", k.id}, {"name", k.name}, {"rules", k.rules}});
  json actions = json::array();
  for (const auto& x : a.actions) {
    actions.push_back(
        {{"id", x.id},
         {"task", x.task},
         {"responsible_name", x.responsible_name ? json(*x.responsible_name) : json()},
         {"deadline", x.deadline}});
  }
  json cards = json::array();
  for (const auto& c : a.cards) cards.push_back(to_json(c));
  return {{"previous_meeting", previous},
          {"kpis_with_new_signals", kpis},
          {"overdue_actions", actions},
          {"cards_to_decide", cards},
          {"agenda", lines}};
}

}  // namespace kaizen
