#include "signals/signal_actions.hpp"

#include "actions/action_store.hpp"
#include "arenas/arena_store.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/write_tx.hpp"
#include "kaizen/kaizen_store.hpp"
#include "kit/scope.hpp"
#include "web/i18n.hpp"

namespace signals {
namespace {

constexpr int kAgeMaxDays = 3650;

// The card or row a project makes of the signal; returns its address. The submitter is not
// named: a staff signal is anonymous to colleagues.
std::string make_in_project(soci::session& sql, const http::Request& req, const Signal& s,
                            const std::string& project_id, const std::string& as) {
  kit::ProjectScope scope(sql, req, project_id);
  scope.require(kit::ProjectRight::kEdit);
  const std::string base = "/projects/" + scope.project().id;
  if (as == "action") {
    actions::ActionFields row;
    row.task = core::utf8_shorten(s.what, actions::kTaskMax);
    row.how = s.suggestion;
    actions::ActionStore(sql, scope.tenant_id()).create(&req.who(), scope.project().id, row);
    return base + "/actions";
  }
  kaizen::Card card;
  card.kind = "idea";
  card.text = core::utf8_shorten(s.what, kaizen::kTextMax);
  card.raised_by_name = web::t(req.locale, "signal_card_raised_by");
  card.pdca = s.suggestion;
  auto made =
      kaizen::KaizenStore(sql, scope.tenant_id()).create(&req.who(), scope.project().id, card);
  return base + "/kaizen/cards/" + made.id;
}

// The arena gathered round the signal: the team, time box and goal as sent (title and goal
// default to the signal's own words); returns its address.
std::string gather_arena(soci::session& sql, const core::AuthContext& who, const Signal& s,
                         const nlohmann::json& sent, bool from_form) {
  nlohmann::json fields = sent;
  const auto blank = [&](const char* key) {
    return !fields.contains(key) || fields[key].is_null() ||
           (fields[key].is_string() && fields[key].get<std::string>().empty());
  };
  if (blank("title")) fields["title"] = arena_title(s);
  if (blank("goal")) fields["goal"] = arena_goal(s);
  fields.erase("status");  // a new arena is open
  core::Input input(fields, from_form);
  auto arena = arenas::arena_fields().parse_new(input);
  arena.signal_id = s.id;
  return "/arenas/" + arenas::ArenaStore(sql, who.tenant_id).create(&who, arena).id;
}

}  // namespace

std::string arena_title(const Signal& s) { return core::utf8_shorten(s.what, arenas::kTitleMax); }

std::string arena_goal(const Signal& s) {
  std::string goal = s.what;
  if (s.suggestion) goal.append("\n\n").append(*s.suggestion);
  return core::utf8_shorten(goal, arenas::kGoalMax);
}

Filter filter_from(const http::Request& req) {
  Filter f;
  f.unit_id = req.query_param("unit_id").value_or("");
  f.status = req.query_param("status").value_or("");
  if (!f.status.empty() &&
      std::find(kStatuses.begin(), kStatuses.end(), f.status) == kStatuses.end())
    throw core::ValidationError("status", "one of new, in_progress, waiting, closed");
  if (auto age = req.query_param("older_than_days"); age && !age->empty()) {
    int days = -1;
    try {
      days = std::stoi(*age);
    } catch (const std::exception&) {
    }
    if (days < 0 || days > kAgeMaxDays)
      throw core::ValidationError("older_than_days", "a whole number of days, 0-3650");
    f.created_before = core::iso_plus_seconds(-86400LL * days);
  }
  return f;
}

Signal run_action(soci::session& sql, const http::Request& req, const std::string& id,
                  core::Input& input) {
  const auto& who = req.who();
  SignalStore store(sql, who.tenant_id);
  // Not found, then not theirs, before what was sent is looked at.
  store.acted(who, id);
  auto kind = input.required_choice("kind", kActionKinds);
  auto text = input.optional_text("text", kTextMax);
  if (text && text->empty()) text.reset();
  if (kind == "answer" && !text) input.fail("text", "write the answer");
  std::string project_id, as = "card";
  if (kind == "to_project") {
    project_id = input.required_text("project_id", 64);
    as = input.optional_choice("as", {"card", "action"}).value_or("card");
  }
  input.check();
  if (kind == "answer") return store.answer(who, id, *text);
  if (kind == "close") return store.close(who, id, text);
  if (kind == "pass_up") return store.pass_up(who, id, text);
  db::WriteTx tx(sql);
  Signal stored;
  if (kind == "start_arena") {
    auto link = gather_arena(sql, who, store.acted(who, id), input.raw(), input.from_form());
    stored = store.start_arena(who, id, link, text);
  } else {
    auto link = make_in_project(sql, req, store.acted(who, id), project_id, as);
    stored = store.to_project(who, id, link, text);
  }
  tx.commit();
  return stored;
}

nlohmann::json stats_json(soci::session& sql, const http::Request& req) {
  SignalStore store(sql, req.who().tenant_id);
  const auto settings = store.settings();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : stats(store.all(), req.who().today(), settings.holidays))
    items.push_back({{"unit_id", row.unit_id},
                     {"unit_name", row.unit_name},
                     {"month", row.month},
                     {"received", row.received},
                     {"answered", row.answered},
                     {"mean_working_days_to_answer", row.mean_days_to_answer},
                     {"overdue", row.overdue}});
  return {{"items", items}};
}

nlohmann::json history_json(soci::session& sql, const http::Request& req, const std::string& id) {
  SignalStore store(sql, req.who().tenant_id);
  for_reader(store.get(id), req.who());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : store.history(id)) items.push_back(to_json(e));
  return {{"items", items}, {"next_cursor", nullptr}};
}

}  // namespace signals
