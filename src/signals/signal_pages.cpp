// The signal pages: the inbox with the staff form, one signal with its history and the
// holder's actions, the statistics for administrators, and the start page's inbox section.
#include "arenas/arena_view.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "http/request.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "signals/signal_actions.hpp"
#include "signals/signal_routes.hpp"
#include "signals/signal_store.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace signals {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kInboxRows = 100;
constexpr int kSectionRows = 5;
constexpr int kProjectChoices = 200;
constexpr int kArenaWeeks = 6;  // the time box the arena form proposes

json unit_choices(soci::session& sql, const Request& req, const std::string& chosen) {
  std::vector<std::pair<std::string, std::string>> values;
  const auto units = org::UnitStore(sql, req.who().tenant_id).all();  // tree_order points into it
  for (const auto& row : org::tree_order(units)) values.emplace_back(row.unit->id, row.unit->name);
  return web::select_options(values, chosen);
}

json status_choices(const Request& req, const std::string& chosen) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& s : kStatuses) values.emplace_back(s, web::t(req.locale, "signal_status_" + s));
  return web::select_options(values, chosen);
}

json rows(const Request& req, const std::vector<Signal>& list, std::size_t limit) {
  json out = json::array();
  const std::string today = req.who().today();
  for (const auto& s : list) {
    if (out.size() >= limit) break;
    out.push_back({{"url", "/signals/" + s.id},
                   {"what", core::utf8_shorten(s.what, 120)},
                   {"unit_name", s.unit_name},
                   {"status", web::t(req.locale, "signal_status_" + s.status)},
                   {"deadline", s.deadline},
                   {"overdue", s.status != "closed" && today > s.deadline},
                   {"citizen", s.source == "citizen"}});
  }
  return out;
}

Response inbox_page(db::Database& db, const Request& req, json form, const json& errors,
                    int status) {
  auto sql = db.lease();
  SignalStore store(*sql, req.who().tenant_id);
  Filter filter = filter_from(req);
  auto inbox = store.of(req.who(), true, filter, {"", {}, kInboxRows});
  auto mine = store.of(req.who(), false, {}, {"", {}, kInboxRows});
  auto view = web::base_view(req);
  view["inbox"] = rows(req, inbox, kInboxRows);
  view["has_inbox"] = !inbox.empty();
  view["mine"] = rows(req, mine, kInboxRows);
  view["has_mine"] = !mine.empty();
  view["filter_units"] = unit_choices(*sql, req, filter.unit_id);
  view["filter_statuses"] = status_choices(req, filter.status);
  view["filter_age"] = req.query_param("older_than_days").value_or("");
  if (form.is_null()) form = {{"what", ""}, {"where", ""}, {"suggestion", ""}, {"links", ""}};
  view["form"] = form;
  view["errors"] = errors;
  view["form_units"] = unit_choices(*sql, req, form.value("unit_id", ""));
  view["may_raise"] = !req.who().person_id.empty();
  view["public_form"] = "/public/" + req.who().tenant_slug + "/signals";
  return web::page(req, "signals/inbox", view, {"signal_inbox_title", "signals", status});
}

Response raise_signal(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = kit::typed_fields(form, {"what", "where", "suggestion", "links", "unit_id"});
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        auto s = signal_fields().parse_new(input);
        auto sql = db.lease();
        auto made = SignalStore(*sql, req.who().tenant_id).create(&req.who(), s);
        return Response::redirect("/signals/" + made.id + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return inbox_page(db, req, typed, refused.errors, refused.status);
      });
}

json history_rows(const Request& req, const std::vector<Event>& history) {
  json out = json::array();
  for (const auto& e : history) {
    std::string label = web::t(req.locale, "signal_event_" + e.kind);
    if (e.kind == "status" && e.text)
      label += ": " + web::t(req.locale, "signal_status_" + *e.text);
    json row = {{"label", label}, {"at", e.created_at.substr(0, 10)}};
    if (e.text && e.kind != "status") row["text"] = *e.text;
    if (e.link && core::is_local_path(*e.link)) row["link"] = *e.link;
    out.push_back(row);
  }
  return out;
}

json project_choices(soci::session& sql, const Request& req, const std::string& chosen) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& p : projects::ProjectStore(sql, req.who().tenant_id).page("", kProjectChoices))
    values.emplace_back(p.id, p.title);
  return web::select_options(values, chosen);
}

// The signal as its page shows it: labels, and only links that are safe to follow.
json signal_json(const Request& req, const Signal& s) {
  json sig = to_json(s);
  sig["status_label"] = web::t(req.locale, "signal_status_" + s.status);
  sig["citizen"] = s.source == "citizen";
  sig["overdue"] = s.status != "closed" && req.who().today() > s.deadline;
  json links = json::array();
  for (const auto& l : s.links)
    if (core::is_safe_link(l)) links.push_back(l);
  sig["has_links"] = !links.empty();
  sig["safe_links"] = links;
  return sig;
}

// The arena form's first values: the signal's words as title and goal, the holder as
// process leader, a time box from today.
json arena_defaults(const Request& req, const Signal& s) {
  const auto today = req.who().today();
  return {{"kind", "start_arena"},       {"title", arena_title(s)},
          {"goal", arena_goal(s)},       {"leader_id", req.who().person_id},
          {"starts_on", today},          {"ends_on", core::plus_days(today, 7 * kArenaWeeks)},
          {"member_ids", json::array()}, {"text", ""}};
}

// The holder's two forms: the step (answer, pass up, hand to a project, close) and the
// arena; a refused post comes back to the form it came from, as typed.
void add_action_forms(soci::session& sql, const Request& req, const Signal& s, json& view,
                      json form, const json& errors) {
  const bool arena_refused = form.is_object() && form.value("kind", "") == "start_arena";
  json arena = arena_refused ? form : arena_defaults(req, s);
  if (arena_refused || form.is_null()) form = {{"kind", "answer"}, {"text", ""}};
  view["form"] = form;
  view["errors"] = arena_refused ? json::object() : errors;
  view["arena_errors"] = arena_refused ? errors : json::object();
  std::vector<std::pair<std::string, std::string>> kinds;
  for (const auto& k : kActionKinds)
    if (k != "start_arena") kinds.emplace_back(k, web::t(req.locale, "signal_act_" + k));
  view["kinds"] = web::select_options(kinds, form.value("kind", "answer"));
  view["projects"] = project_choices(sql, req, form.value("project_id", ""));
  view["as_action"] = form.value("as", "") == "action";
  view["arena_fields"] =
      arenas::team_fields_html(req.locale, "sa", arena, view["arena_errors"],
                               arenas::team_choices(sql, req.who().tenant_id, arena));
  view["arena"] = arena;
}

Response signal_page(db::Database& db, const Request& req, json form, const json& errors,
                     int status) {
  auto sql = db.lease();
  SignalStore store(*sql, req.who().tenant_id);
  Signal s = for_reader(store.get(req.param("id")), req.who());
  auto view = web::base_view(req);
  view["signal"] = signal_json(req, s);
  view["history"] = history_rows(req, store.history(s.id));
  const bool acts = may_act(s, req.who()) && s.status != "closed";
  view["may_act"] = acts;
  view["errors"] = errors;
  if (acts) add_action_forms(*sql, req, s, view, std::move(form), errors);
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "signals/signal", view, {"signal_page_title", "signals", status});
}

Response act(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = kit::typed_fields(form, {"kind", "text", "project_id", "as"});
  if (typed["kind"] == "start_arena") typed.update(arenas::typed_arena(form));
  return kit::form_post(
      req,
      [&] {
        core::Input input(typed, true);
        auto sql = db.lease();
        run_action(*sql, req, req.param("id"), input);
        return Response::redirect("/signals/" + req.param("id") + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return signal_page(db, req, typed, refused.errors, refused.status);
      });
}

Response stats_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto body = stats_json(*sql, req);
  for (auto& row : body["items"])
    row["mean"] = web::format_number(req.locale, row["mean_working_days_to_answer"], 1);
  auto view = web::base_view(req);
  view["rows"] = body["items"];
  view["has_rows"] = !body["items"].empty();
  return web::page(req, "signals/stats", view, {"signal_stats_title", "signals", 200});
}

// The start page's section: the newest signals the caller holds; nothing when none.
Response section(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto held = SignalStore(*sql, req.who().tenant_id)
                  .of(req.who(), true, {.status = "new"}, {"", {}, kSectionRows});
  if (held.empty()) return Response::html(200, "");
  auto view = web::base_view(req);
  view["rows"] = rows(req, held, kSectionRows);
  return Response::html(200, web::render_template("signals/section", view));
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/signals",
        [](db::Database& db, const Request& req) {
          return inbox_page(db, req, nullptr, json::object(), 200);
        },
        "The signal inbox, the signals you sent and the form"},
       {"POST", "/signals", raise_signal, "Raise a signal from the form"},
       {"GET", "/signals/inbox-section", section, "The start page's inbox section (fragment)"},
       {"GET", "/signals/stats", stats_page, "Signals per unit and month (administrators)",
        http::Access::kAdmin},
       {"GET", "/signals/{id}",
        [](db::Database& db, const Request& req) {
          return signal_page(db, req, nullptr, json::object(), 200);
        },
        "One signal with its history and the holder's actions"},
       {"POST", "/signals/{id}/actions", act, "Act on a signal from the form"}});
}

}  // namespace signals
