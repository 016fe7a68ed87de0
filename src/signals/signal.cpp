#include "signals/signal.hpp"

#include <algorithm>
#include <map>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/working_days.hpp"

namespace signals {
namespace {

nlohmann::json opt(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json nullable(const char* description) {
  return {{"type", {"string", "null"}}, {"description", description}};
}

const org::Unit* unit_of(const std::vector<org::Unit>& units, const std::string& id) {
  for (const auto& u : units)
    if (u.id == id) return &u;
  return nullptr;
}

bool held_before(const Signal& s, const std::string& person) {
  return std::find(s.managers.begin(), s.managers.end(), person) != s.managers.end();
}

}  // namespace

const kit::Fields<Signal>& signal_fields() {
  static const kit::Fields<Signal> fields =
      kit::Fields<Signal>()
          .id(&Signal::id)
          .text("what", &Signal::what,
                {.required = true, .max = kWhatMax, .describe = "the need, problem or idea"})
          .optional_text("where", &Signal::place,
                         {.max = kTextMax, .describe = "where it happens", .column = "place"})
          .optional_text("suggestion", &Signal::suggestion, {.max = kTextMax})
          .lines("links", &Signal::links, kLinkMax, kLinksMax,
                 {.describe = "attachments as web addresses"})
          .text("unit_id", &Signal::unit_id,
                {.max = 64,
                 .describe = "the unit it concerns; a member's own unit when left out",
                 .write = db::Write::kOnce})
          .output("source", &Signal::source)
          .computed("submitter_id", nullable("staff: the person; hidden from all but managers"),
                    [](const Signal& s) { return opt(s.submitter_id); })
          .computed("submitter_name", nullable("staff: the person's name, for managers"),
                    [](const Signal& s) { return opt(s.submitter_name); })
          .computed("submitter_email", nullable("a citizen's address, for managers"),
                    [](const Signal& s) { return opt(s.submitter_email); })
          .output("unit_name", &Signal::unit_name)
          .computed("manager_id", nullable("who holds the signal now"),
                    [](const Signal& s) { return opt(s.manager_id); })
          .computed("manager_name", nullable("the holder's name"),
                    [](const Signal& s) { return opt(s.manager_name); })
          .choice("status", &Signal::status, kStatuses,
                  {.describe = "the holder sets in_progress or waiting; an action closes it"})
          .output("deadline", &Signal::deadline)
          .computed("escalations", {{"type", "integer"}},
                    [](const Signal& s) { return s.escalations; })
          .computed("answered_at", nullable("the first answer"),
                    [](const Signal& s) { return opt(s.answered_at); })
          .computed("closed_at", nullable(""), [](const Signal& s) { return opt(s.closed_at); })
          .stamps()
          .check([](const Signal& s, core::Input& in) {
            for (const auto& link : s.links)
              if (!core::is_safe_link(link)) {
                in.fail("links", "each must be a web address starting with https:// or http://");
                break;
              }
          });
  return fields;
}

nlohmann::json to_json(const Signal& s) { return signal_fields().to_json(s); }

nlohmann::json to_json(const Event& e) {
  return {{"id", e.id},
          {"kind", e.kind},
          {"actor_id", opt(e.actor_id)},
          {"manager_id", opt(e.manager_id)},
          {"text", opt(e.text)},
          {"link", opt(e.link)},
          {"created_at", e.created_at}};
}

Holder route(const std::vector<org::Unit>& units, const std::string& unit_id,
             const std::string& exclude) {
  // Bounded by the number of units: the tree has no loops (org::creates_cycle), but a
  // bound costs nothing.
  const org::Unit* u = unit_of(units, unit_id);
  for (std::size_t steps = 0; u != nullptr && steps <= units.size(); ++steps) {
    if (u->manager_id && *u->manager_id != exclude) return {u->id, u->manager_id};
    u = u->parent_id ? unit_of(units, *u->parent_id) : nullptr;
  }
  return {};
}

Holder route_up(const std::vector<org::Unit>& units, const std::string& from,
                const std::string& current) {
  const org::Unit* u = unit_of(units, from);
  if (u == nullptr || !u->parent_id) return {};
  return route(units, *u->parent_id, current);
}

bool may_read(const Signal& s, const core::AuthContext& who) {
  if (who.is_admin()) return true;
  if (who.person_id.empty()) return false;
  return s.submitter_id == who.person_id || held_before(s, who.person_id);
}

bool may_act(const Signal& s, const core::AuthContext& who) {
  if (!who.person_id.empty() && s.manager_id == who.person_id) return true;
  return who.is_admin() && !s.manager_id;
}

Signal for_reader(Signal s, const core::AuthContext& who) {
  if (!may_read(s, who)) throw core::NotFound("no signal with id " + s.id);
  const bool manager = who.is_admin() || held_before(s, who.person_id);
  if (!manager && s.submitter_id != who.person_id) {
    s.submitter_id.reset();
    s.submitter_name.reset();
  }
  if (!manager) s.submitter_email.reset();
  return s;
}

std::vector<StatsRow> stats(const std::vector<Signal>& signals, const std::string& today,
                            const std::string& calendar) {
  const auto cal = core::holiday_calendar(calendar);
  std::map<std::pair<std::string, std::string>, StatsRow> rows;
  std::map<std::pair<std::string, std::string>, double> days;
  for (const auto& s : signals) {
    const auto key = std::make_pair(s.unit_id, s.created_at.substr(0, 7));
    auto& row = rows[key];
    row.unit_id = s.unit_id;
    row.unit_name = s.unit_name;
    row.month = key.second;
    ++row.received;
    const std::string created = s.created_at.substr(0, 10);
    if (s.answered_at) {
      ++row.answered;
      days[key] += core::working_days_between(created, s.answered_at->substr(0, 10), cal);
      if (s.answered_at->substr(0, 10) > s.deadline) ++row.overdue;
    } else if (s.status != "closed" && today > s.deadline) {
      ++row.overdue;
    }
  }
  std::vector<StatsRow> out;
  for (auto& [key, row] : rows) {
    if (row.answered > 0) row.mean_days_to_answer = days[key] / row.answered;
    out.push_back(row);
  }
  return out;
}

}  // namespace signals
