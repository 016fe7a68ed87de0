#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "signals/signal.hpp"

namespace signals {

// The inbox's and the caller's lists narrowed (?unit_id=, ?status=, ?older_than_days=).
struct Filter {
  std::string unit_id;
  std::string status;
  std::string created_before;  // ISO timestamp; empty: any age
};

// The tenant's signal settings: routine deadline, holiday calendar and wall clock.
struct Settings {
  int deadline_days = 10;
  std::string holidays = "dk";
  std::string time_zone = "Europe/Copenhagen";
};

class SignalStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  Settings settings();
  // Every signal of the tenant, paged by id (administrators' list).
  std::vector<Signal> list(const http::Page& page);
  // What `who` raised, or (inbox) what they hold; an administrator's inbox also holds the
  // signals nobody holds.
  std::vector<Signal> of(const core::AuthContext& who, bool inbox, const Filter& filter,
                         const http::Page& page);
  std::vector<Signal> all();          // for the statistics
  std::vector<Signal> waiting();      // new ones, not yet acted on: for the escalation
  Signal get(const std::string& id);  // NotFound when not in this tenant
  std::vector<Event> history(const std::string& signal_id);

  // A member's signal: from their unit (or the unit they name) to the nearest manager other
  // than themselves, due the routine deadline after the tenant's day at `now`.
  Signal create(const core::AuthContext* who, const Signal& fields,
                std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
  // A citizen's signal to `fields.unit_id`; returns it and the private link's secret, of
  // which only the hash is kept.
  std::pair<Signal, std::string> create_citizen(
      const Signal& fields, const std::optional<std::string>& email,
      std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
  // The submitter changes the text while it is new; the holder the status (in_progress,
  // waiting). Forbidden otherwise; Conflict on a stale version.
  Signal update(const core::AuthContext* who, const Signal& changed, long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id);

  // The holder's steps (Forbidden for anyone else). Each records an event and returns the
  // signal after it.
  Signal answer(const core::AuthContext& who, const std::string& id, const std::string& text);
  Signal close(const core::AuthContext& who, const std::string& id,
               const std::optional<std::string>& text);
  // One level up: the next manager above the holder gets it with a fresh deadline.
  Signal pass_up(const core::AuthContext& who, const std::string& id,
                 const std::optional<std::string>& text);
  Signal to_project(const core::AuthContext& who, const std::string& id, const std::string& link,
                    const std::optional<std::string>& text);
  // The holder gathered an agile arena (at `link`) round the signal.
  Signal start_arena(const core::AuthContext& who, const std::string& id, const std::string& link,
                     const std::optional<std::string>& text);
  // What the arena started from the signal came to, for its submitter: an "arena_outcome"
  // step by whoever wrote it down; `finished` (the arena done or stopped) closes the signal.
  void arena_outcome(const core::AuthContext* who, const std::string& id,
                     const std::string& outcome, const std::string& link, bool finished);

  // Signals not acted on past their deadline go one level up (kind "escalated"); those
  // within kReminderDays working days of it get a "reminder" event once per deadline.
  // Returns the events written.
  std::vector<Event> escalate_due(std::chrono::system_clock::time_point now);

  // The signal, when `who` holds it: Forbidden when they don't, Conflict when it is
  // closed.
  Signal acted(const core::AuthContext& who, const std::string& id);

 private:
  // One of the holder's steps: `change` turns the signal into what it is after the step (it
  // gets the time), recorded as event `kind`, all in one transaction.
  Signal step(const core::AuthContext& who, const std::string& id, const std::string& kind,
              const std::optional<std::string>& text, const std::optional<std::string>& link,
              const std::function<void(Signal&, const std::string&)>& change);
  // Records the step in the signal's history and mails whoever hears of it (signal_mail).
  void add_event(const Signal& s, const std::string& kind, const std::optional<std::string>& actor,
                 const std::optional<std::string>& manager, const std::optional<std::string>& text,
                 const std::optional<std::string>& link, const std::string& at);
  Signal write(const Signal& before, Signal after, const core::AuthContext* who);
  Signal insert(const core::AuthContext* who, Signal s, const std::string& token_hash,
                std::chrono::system_clock::time_point now);
  std::string deadline_from(const Settings& settings, const std::string& today);
  std::string today(const Settings& settings, std::chrono::system_clock::time_point now);
  std::vector<Signal> read(const std::string& sql, std::vector<db::Arg> args);
};

// The private link's secret when it is one (shape only).
bool looks_like_token(const std::string& token);

// The tenant and id of the signal whose private link has `token`, in any tenant.
struct Owner {
  std::string tenant_id;
  std::string signal_id;
};
std::optional<Owner> token_owner(soci::session& sql, const std::string& token);

}  // namespace signals

namespace signals {

// The periodic step (a job after the merge): SignalStore::escalate_due for every tenant
// with open signals. Returns how many events were written.
std::size_t escalate_due(soci::session& sql, std::chrono::system_clock::time_point now);

}  // namespace signals
