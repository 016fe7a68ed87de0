#include "signals/signal_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/working_days.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "signals/signal_mail.hpp"

namespace signals {
namespace {

const db::Columns<Signal>& columns() {
  static const auto c = signal_fields()
                            .columns("signals")
                            .text("source", &Signal::source, db::Write::kOnce)
                            .text("submitter_id", &Signal::submitter_id, db::Write::kOnce)
                            .text("submitter_email", &Signal::submitter_email, db::Write::kOnce)
                            .text("handler_unit_id", &Signal::handler_unit_id)
                            .text("manager_id", &Signal::manager_id)
                            .text_list("managers", &Signal::managers)
                            .text("deadline", &Signal::deadline)
                            .text("reminded_for", &Signal::reminded_for)
                            .integer("escalations", &Signal::escalations)
                            .text("answered_at", &Signal::answered_at)
                            .text("closed_at", &Signal::closed_at)
                            .bound("token_hash");
  return c;
}

// Every step, in the order taken (ids are time-ordered).
const db::Columns<Event>& event_columns() {
  static const auto c = db::tenant_table<Event>("signal_events")
                            .text("signal_id", &Event::signal_id, db::Write::kOnce)
                            .text("kind", &Event::kind, db::Write::kOnce)
                            .text("actor_id", &Event::actor_id, db::Write::kOnce)
                            .text("manager_id", &Event::manager_id, db::Write::kOnce)
                            .text("text", &Event::text, db::Write::kOnce)
                            .text("link", &Event::link, db::Write::kOnce)
                            .text("created_at", &Event::created_at, db::Write::kOnce);
  return c;
}
const std::string kHistory =
    event_columns().select_sql() + " AND signal_id = :signal_id ORDER BY id";

const std::string kSelect = columns().select_joined(
    "s", "p.name AS submitter_name, m.name AS manager_name, u.name AS unit_name",
    "LEFT JOIN people p ON p.tenant_id = s.tenant_id AND p.id = s.submitter_id "
    "LEFT JOIN people m ON m.tenant_id = s.tenant_id AND m.id = s.manager_id "
    "LEFT JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id");
const std::string kSelectOne = kSelect + " AND s.id = :id";
const std::string kSelectAll = kSelect + " ORDER BY s.id";
const std::string kSelectWaiting = kSelect + " AND s.status = 'new' ORDER BY s.id";
const std::string kSelectPage = kSelect + " AND s.id > :after ORDER BY s.id LIMIT :lim";
// The filters are fixed fragments, each bound; an empty one matches everything.
const std::string kFilters =
    " AND (:unit_id = '' OR s.unit_id = :unit_id) AND (:status = '' OR s.status = :status)"
    " AND (:before = '' OR s.created_at < :before) AND s.id > :after ORDER BY s.id LIMIT :lim";
const std::string kSelectMine = kSelect + " AND s.submitter_id = :person" + kFilters;
const std::string kSelectInbox =
    kSelect + " AND (s.manager_id = :person OR (:admin = 1 AND s.manager_id IS NULL))" + kFilters;
constexpr std::string_view kTokenTenant =
    "SELECT tenant_id, id FROM signals WHERE token_hash = :hash";
constexpr std::string_view kSettings =
    "SELECT signal_deadline_days, holidays, time_zone FROM tenants WHERE id = :tenant_id";
Signal from_row(const db::Row& r) {
  Signal s = kit::read_joined(
      columns(), r,
      {{"submitter_name", &Signal::submitter_name}, {"manager_name", &Signal::manager_name}});
  s.unit_name = db::opt_text(r, "unit_name").value_or("");
  return s;
}

}  // namespace

bool looks_like_token(const std::string& token) {
  if (token.size() < 20 || token.size() > 100) return false;
  for (char c : token)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

std::vector<Signal> SignalStore::read(const std::string& sql, std::vector<db::Arg> args) {
  return kit::read_rows(db::query(sql_, sql, args), from_row);
}

Settings SignalStore::settings() {
  auto rows = db::query(sql_, kSettings, {{"tenant_id", tenant_id_}});
  if (rows.empty()) throw core::NotFound("no such tenant");
  return {static_cast<int>(db::integer(rows[0], "signal_deadline_days")),
          db::text(rows[0], "holidays"), db::text(rows[0], "time_zone")};
}

std::string SignalStore::today(const Settings& settings,
                               std::chrono::system_clock::time_point now) {
  auto t = core::local_time(core::time_zone(settings.time_zone), now);
  return core::format_local(t).substr(0, 10);
}

std::string SignalStore::deadline_from(const Settings& settings, const std::string& today) {
  return core::add_working_days(today, settings.deadline_days,
                                core::holiday_calendar(settings.holidays));
}

std::vector<Signal> SignalStore::list(const http::Page& page) {
  return read(kSelectPage,
              {{"tenant_id", tenant_id_}, {"after", page.after}, {"lim", page.limit + 1}});
}

std::vector<Signal> SignalStore::of(const core::AuthContext& who, bool inbox, const Filter& filter,
                                    const http::Page& page) {
  return read(inbox ? kSelectInbox : kSelectMine, {{"tenant_id", tenant_id_},
                                                   {"person", who.person_id},
                                                   {"admin", who.is_admin() ? 1 : 0},
                                                   {"unit_id", filter.unit_id},
                                                   {"status", filter.status},
                                                   {"before", filter.created_before},
                                                   {"after", page.after},
                                                   {"lim", page.limit + 1}});
}

std::vector<Signal> SignalStore::all() { return read(kSelectAll, {{"tenant_id", tenant_id_}}); }

std::vector<Signal> SignalStore::waiting() {
  return read(kSelectWaiting, {{"tenant_id", tenant_id_}});
}

Signal SignalStore::get(const std::string& id) {
  auto found = read(kSelectOne, {{"tenant_id", tenant_id_}, {"id", id}});
  if (found.empty()) throw core::NotFound("no signal with id " + id);
  return found.front();
}

std::vector<Event> SignalStore::history(const std::string& signal_id) {
  return event_columns().read_all(
      db::query(sql_, kHistory, {{"tenant_id", tenant_id_}, {"signal_id", signal_id}}));
}

void SignalStore::add_event(const Signal& s, const std::string& kind,
                            const std::optional<std::string>& actor,
                            const std::optional<std::string>& manager,
                            const std::optional<std::string>& text,
                            const std::optional<std::string>& link, const std::string& at) {
  const Event e{core::new_id(), s.id, kind, actor, manager, text, link, at};
  db::execute(sql_, event_columns().insert_sql(),
              event_columns().args(e, {{"tenant_id", tenant_id_}}));
  // A citizen reads in the tenant's language: Swedish where the calendar is Sweden's.
  const bool citizen = s.submitter_email.has_value() && !s.submitter_id;
  mail_event(sql_, tenant_id_, s, e, citizen && settings().holidays == "se" ? "sv" : "da");
}

Signal SignalStore::insert(const core::AuthContext* who, Signal s, const std::string& token_hash,
                           std::chrono::system_clock::time_point now) {
  // The units above the signal's are enough to find its manager.
  const auto units = org::UnitStore(sql_, tenant_id_).lineage({s.unit_id});
  const auto settings = this->settings();
  auto holder = route(units, s.unit_id, s.submitter_id.value_or(""));
  s.id = core::new_id();
  s.handler_unit_id = holder.unit_id;
  s.manager_id = holder.manager_id;
  if (holder.manager_id) s.managers = {*holder.manager_id};
  s.status = "new";
  s.created_at = s.updated_at = core::to_iso(now);
  s.deadline = deadline_from(settings, today(settings, now));
  std::optional<std::string> hash;
  if (!token_hash.empty()) hash = token_hash;
  db::WriteTx tx(sql_);
  db::execute(sql_, columns().insert_sql(),
              columns().args(s, {{"tenant_id", tenant_id_}, {"token_hash", hash}}));
  add_event(s, "created", s.submitter_id, s.manager_id, std::nullopt, std::nullopt, s.created_at);
  audit::record(sql_, tenant_id_, who, "signal", s.id, "create", nullptr, to_json(s));
  tx.commit();
  return get(s.id);
}

Signal SignalStore::create(const core::AuthContext* who, const Signal& fields,
                           std::chrono::system_clock::time_point now) {
  Signal s = fields;
  s.source = "staff";
  s.submitter_email.reset();
  if (who == nullptr || who->person_id.empty())
    throw core::Forbidden("only a member with a person in the organisation raises signals");
  s.submitter_id = who->person_id;
  if (s.unit_id.empty()) {
    auto person = org::PersonStore(sql_, tenant_id_).get(who->person_id);
    if (!person.unit_id) throw core::ValidationError("unit_id", "name the unit it concerns");
    s.unit_id = *person.unit_id;
  }
  // A unit of another tenant is no unit here.
  if (!org::UnitStore(sql_, tenant_id_).exists(s.unit_id))
    throw core::ValidationError("unit_id", "no unit with this id");
  return insert(who, s, "", now);
}

std::pair<Signal, std::string> SignalStore::create_citizen(
    const Signal& fields, const std::optional<std::string>& email,
    std::chrono::system_clock::time_point now) {
  Signal s = fields;
  s.source = "citizen";
  s.submitter_id.reset();
  s.submitter_email = email;
  if (!org::UnitStore(sql_, tenant_id_).exists(s.unit_id))
    throw core::ValidationError("unit_id", core::Message{"signal_err_unit"});
  const std::string token = core::random_token(24);
  return {insert(nullptr, s, core::sha256_hex(token), now), token};
}

std::optional<Owner> token_owner(soci::session& sql, const std::string& token) {
  if (!looks_like_token(token)) return std::nullopt;
  const std::string hash = core::sha256_hex(token);
  auto rows = db::query(sql, kTokenTenant, {{"hash", hash}});
  if (rows.empty()) return std::nullopt;
  return Owner{db::text(rows[0], "tenant_id"), db::text(rows[0], "id")};
}

Signal SignalStore::write(const Signal& before, Signal after, const core::AuthContext* who) {
  after.updated_at = core::now_iso();
  return kit::versioned_update<Signal>(
      sql_, tenant_id_, who, "signal", before.id, before.version, [&] { return get(before.id); },
      [&](long long version) {
        return db::execute(
            sql_, columns().update_sql(),
            columns().args(after, {{"tenant_id", tenant_id_}, {"expected", version}}));
      },
      [](const Signal& s) { return to_json(s); });
}

Signal SignalStore::update(const core::AuthContext* who, const Signal& changed,
                           long long expected_version) {
  db::WriteTx tx(sql_);
  Signal before = get(changed.id);
  if (before.version != expected_version)
    throw core::Conflict(core::Message{"err.stale", {{"entity", "signal"}}}, to_json(before));
  const bool text_changed = changed.what != before.what || changed.place != before.place ||
                            changed.suggestion != before.suggestion ||
                            changed.links != before.links;
  if (text_changed && !(who && before.submitter_id == who->person_id && before.status == "new"))
    throw core::Forbidden("only the submitter changes a new signal's text");
  Signal after = before;
  after.what = changed.what;
  after.place = changed.place;
  after.suggestion = changed.suggestion;
  after.links = changed.links;
  if (changed.status != before.status) {
    if (!who || !may_act(before, *who))
      throw core::Forbidden("only the signal's manager does this");
    if (changed.status == "closed" || changed.status == "new")
      throw core::ValidationError("status", "in_progress or waiting; close it with an action");
    after.status = changed.status;
    add_event(after, "status", who->person_id, before.manager_id, changed.status, std::nullopt,
              core::now_iso());
  }
  Signal stored = write(before, after, who);
  tx.commit();
  return stored;
}

void SignalStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row<Signal>(
      sql_, tenant_id_, who, "signal", columns(), id, [&] { return get(id); },
      [](const Signal& s) { return to_json(s); });
}

}  // namespace signals
