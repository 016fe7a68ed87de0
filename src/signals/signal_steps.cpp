// The holder's steps on a signal and the escalation of those not acted on in time. Every
// step is an event in the signal's history, which the submitter follows.
#include <functional>
#include <string_view>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "core/working_days.hpp"
#include "db/write_tx.hpp"
#include "org/unit_store.hpp"
#include "signals/signal_store.hpp"

namespace signals {
namespace {

constexpr std::string_view kTenantsWithOpen =
    "SELECT DISTINCT tenant_id FROM signals WHERE status = 'new' ORDER BY tenant_id";

void take_holder(Signal& s, const Holder& holder) {
  s.manager_id = holder.manager_id;
  s.handler_unit_id = holder.unit_id;
  if (holder.manager_id) s.managers.push_back(*holder.manager_id);
}

}  // namespace

Signal SignalStore::acted(const core::AuthContext& who, const std::string& id) {
  Signal s = get(id);
  // Another manager of the tenant is told no, not that there is no such signal.
  if (!may_act(s, who)) throw core::Forbidden("only the manager who holds the signal acts on it");
  if (s.status == "closed") throw core::Conflict("the signal is closed", to_json(s));
  return s;
}

Signal SignalStore::step(const core::AuthContext& who, const std::string& id,
                         const std::string& kind, const std::optional<std::string>& text,
                         const std::optional<std::string>& link,
                         const std::function<void(Signal&, const std::string&)>& change) {
  db::WriteTx tx(sql_);
  Signal before = acted(who, id);
  Signal after = before;
  const std::string now = core::now_iso();
  change(after, now);
  add_event(after, kind, who.person_id, after.manager_id, text, link, now);
  Signal stored = write(before, after, &who);
  tx.commit();
  return stored;
}

Signal SignalStore::answer(const core::AuthContext& who, const std::string& id,
                           const std::string& text) {
  return step(who, id, "answer", text, std::nullopt, [](Signal& s, const std::string& now) {
    if (!s.answered_at) s.answered_at = now;
    if (s.status == "new") s.status = "in_progress";
  });
}

Signal SignalStore::close(const core::AuthContext& who, const std::string& id,
                          const std::optional<std::string>& text) {
  return step(who, id, "closed", text, std::nullopt, [](Signal& s, const std::string& now) {
    if (!s.answered_at) s.answered_at = now;
    s.status = "closed";
    s.closed_at = now;
  });
}

Signal SignalStore::pass_up(const core::AuthContext& who, const std::string& id,
                            const std::optional<std::string>& text) {
  const auto settings = this->settings();
  return step(who, id, "passed_up", text, std::nullopt, [&](Signal& s, const std::string&) {
    const auto from = s.handler_unit_id.value_or(s.unit_id);
    const auto units = org::UnitStore(sql_, tenant_id_).lineage({from});
    auto holder = route_up(units, from, s.manager_id.value_or(""));
    if (!holder.manager_id)
      throw core::ValidationError("kind", "there is no manager above to pass the signal to");
    take_holder(s, holder);
    s.status = "new";
    s.deadline = deadline_from(settings, today(settings, std::chrono::system_clock::now()));
  });
}

Signal SignalStore::to_project(const core::AuthContext& who, const std::string& id,
                               const std::string& link, const std::optional<std::string>& text) {
  return step(who, id, "to_project", text, link, [](Signal& s, const std::string& now) {
    if (!s.answered_at) s.answered_at = now;
    s.status = "in_progress";
  });
}

Signal SignalStore::start_arena(const core::AuthContext& who, const std::string& id,
                                const std::string& link, const std::optional<std::string>& text) {
  return step(who, id, "start_arena", text, link, [](Signal& s, const std::string& now) {
    if (!s.answered_at) s.answered_at = now;
    s.status = "in_progress";
  });
}

void SignalStore::arena_outcome(const core::AuthContext* who, const std::string& id,
                                const std::string& outcome, const std::string& link,
                                bool finished) {
  db::WriteTx tx(sql_);
  const Signal before = get(id);
  Signal after = before;
  const std::string now = core::now_iso();
  if (finished && after.status != "closed") {
    after.status = "closed";
    after.closed_at = now;
  }
  std::optional<std::string> actor;
  if (who && !who->person_id.empty()) actor = who->person_id;
  add_event(after, "arena_outcome", actor, after.manager_id, outcome, link, now);
  if (after.status != before.status) write(before, after, who);
  tx.commit();
}

std::vector<Event> SignalStore::escalate_due(std::chrono::system_clock::time_point now) {
  const auto settings = this->settings();
  const auto calendar = core::holiday_calendar(settings.holidays);
  const std::string day = today(settings, now);
  const std::string at = core::to_iso(now);
  std::vector<Event> written;
  db::WriteTx tx(sql_);
  auto units = org::UnitStore(sql_, tenant_id_).all();
  for (const auto& s : waiting()) {
    Signal after = s;
    if (day > s.deadline) {
      auto holder =
          route_up(units, s.handler_unit_id.value_or(s.unit_id), s.manager_id.value_or(""));
      // At the top of the tree the signal stays; its new deadline is the next check.
      if (holder.manager_id) take_holder(after, holder);
      ++after.escalations;
      after.deadline = core::add_working_days(day, settings.deadline_days, calendar);
      add_event(after, "escalated", std::nullopt, after.manager_id, std::nullopt, std::nullopt, at);
      written.push_back(
          {"", s.id, "escalated", std::nullopt, after.manager_id, std::nullopt, std::nullopt, at});
    } else if (s.reminded_for != s.deadline &&
               core::working_days_between(day, s.deadline, calendar) <= kReminderDays) {
      after.reminded_for = s.deadline;
      add_event(after, "reminder", std::nullopt, s.manager_id, std::nullopt, std::nullopt, at);
      written.push_back(
          {"", s.id, "reminder", std::nullopt, s.manager_id, std::nullopt, std::nullopt, at});
    } else {
      continue;
    }
    write(s, after, nullptr);
  }
  tx.commit();
  return written;
}

std::size_t escalate_due(soci::session& sql, std::chrono::system_clock::time_point now) {
  std::size_t count = 0;
  for (const auto& r : db::query(sql, kTenantsWithOpen))
    count += SignalStore(sql, db::text(r, "tenant_id")).escalate_due(now).size();
  return count;
}

}  // namespace signals
