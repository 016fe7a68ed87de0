// Kaizen pages: the board (columns, drag and drop, keyboard moves, polling), the
// wall screen (redesign map, run charts, columns), a card's page with its edit and
// decision forms, the agenda button of kaizen meetings and the project page section.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "kaizen/agenda.hpp"
#include "kaizen/kaizen_routes.hpp"
#include "kaizen/kaizen_store.hpp"
#include "kaizen/kaizen_view.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_store.hpp"
#include "maps/map_store.hpp"
#include "meetings/meeting_store.hpp"
#include "org/person_store.hpp"
#include "projects/project_access.hpp"
#include "projects/project_input.hpp"
#include "projects/project_scope.hpp"
#include "projects/project_store.hpp"
#include "web/assets.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace kaizen {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

constexpr const char* kFormFields[] = {"kind",           "text", "raised_by_id", "raised_by_name",
                                       "responsible_id", "pdca", "card_date"};

std::string board_url(const std::string& project_id) {
  return "/projects/" + project_id + "/kaizen";
}

std::string get(const std::map<std::string, std::string>& form, const char* key) {
  auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

bool htmx(const Request& req) { return req.header("hx-request").has_value(); }

json assets() {
  return {{"js", web::asset_url("kaizen.js")}, {"css", web::asset_url("kaizen.css")}};
}

json options(const std::vector<std::pair<std::string, std::string>>& values,
             const std::string& selected) {
  json out = json::array();
  for (const auto& [value, label] : values)
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  return out;
}

std::vector<std::pair<std::string, std::string>> people(soci::session& sql, const Request& req) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : org::PersonStore(sql, req.who().tenant_id).page("", 500)) {
    if (p.active) out.emplace_back(p.id, p.name);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

std::vector<std::pair<std::string, std::string>> labelled(const Request& req,
                                                          const std::vector<std::string>& keys,
                                                          const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& k : keys) out.emplace_back(k, web::t(req.locale, prefix + k));
  return out;
}

json form_json(const std::map<std::string, std::string>& form) {
  json out = json::object();
  for (const char* k : kFormFields) out[k] = get(form, k);
  return out;
}

// The board fragment: the part the page polls and a move replaces.
std::string board_html(soci::session& sql, const Request& req, const std::string& project_id,
                       BoardOptions options) {
  KaizenStore store(sql, req.who().tenant_id);
  // Only what the fragment uses: the whole catalogue would cost more than the cards.
  auto base = web::base_view(req);
  json view = {{"csrf", base.value("csrf", "")}, {"t", json::object()}};
  for (const auto& [key, text] : base["t"].items()) {
    if (key.rfind("kaizen_", 0) == 0) view["t"][key] = text;
  }
  view["board"] = board_view(req, project_id, store.of_project(project_id),
                             store.board_version(project_id), options);
  return web::render_template("kaizen/board", view);
}

// 204 when the board is still at version `v`: the poll costs one indexed read.
std::optional<Response> unchanged(soci::session& sql, const Request& req,
                                  const std::string& project_id) {
  auto v = req.query_param("v");
  if (!v) return std::nullopt;
  auto now = std::to_string(KaizenStore(sql, req.who().tenant_id).board_version(project_id));
  if (*v != now) return std::nullopt;
  return Response::no_content();
}

struct Typed {
  json create = json::object();
  json errors = json::object();
  std::string message;  // an alert over the board
  int status = 200;
};

Response board_page(db::Database& db, const Request& req, const Typed& typed) {
  auto view = web::base_view(req);
  std::string project_id = req.param("id");
  {
    auto sql = db.lease();
    projects::require_right(*sql, req.who(), project_id, ProjectRight::kRead);
    auto p = projects::ProjectStore(*sql, req.who().tenant_id).get(project_id);
    view["project"] = {{"id", p.id}, {"title", p.title}};
    bool may_edit = projects::ProjectScope(*sql, req, p.id).may(ProjectRight::kEdit);
    view["may_edit"] = may_edit;
    BoardOptions board_options;
    board_options.may_edit = may_edit;
    view["board_html"] = board_html(*sql, req, p.id, board_options);
    json create = typed.create.empty() ? json{{"kind", "problem"}} : typed.create;
    view["create"] = create;
    view["kind_options"] =
        options(labelled(req, kKinds, "kaizen_kind_"), create.value("kind", "problem"));
    view["people"] = options(people(*sql, req), create.value("responsible_id", ""));
  }
  view["errors"] = typed.errors;
  if (!typed.message.empty()) view["message"] = typed.message;
  if (req.query_param("saved")) view["saved"] = true;
  view["kaizen_assets"] = assets();
  return web::page(req, "kaizen/board_page", view, {"kaizen_title", "projects", typed.status});
}

Response create(db::Database& db, const Request& req) {
  auto form = req.form();
  try {
    auto sql = db.lease();
    projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
    core::Input input(form_json(form), true);
    auto fields = parse_card(input, true);
    input.check();
    auto c = KaizenStore(*sql, req.who().tenant_id).create(&req.who(), req.param("id"), fields);
    return Response::redirect(board_url(req.param("id")) + "?saved=1#card-" + c.id);
  } catch (const core::ValidationError& e) {
    Typed typed;
    typed.create = form_json(form);
    typed.errors = web::form_errors(req, e.fields());
    typed.status = 422;
    return board_page(db, req, typed);
  }
}

// The card, NotFound unless it belongs to the project in the address.
Card in_project(soci::session& sql, const Request& req, ProjectRight right) {
  auto c = KaizenStore(sql, req.who().tenant_id).get(req.param("card"));
  if (c.project_id != req.param("id")) throw core::NotFound("no such card in this project");
  projects::require_right(sql, req.who(), c.project_id, right);
  return c;
}

// A keyboard or drag move from a form or from the board's script (HX-Request: the
// fresh board comes back instead of a redirect, with what the live region says).
Response move(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  auto c = in_project(*sql, req, ProjectRight::kEdit);
  KaizenStore store(*sql, req.who().tenant_id);
  core::Input input(json{{"direction", get(form, "direction")},
                         {"column", get(form, "column")},
                         {"position", get(form, "position")},
                         {"version", get(form, "version")}},
                    true);
  CardFields fields;
  std::string direction = get(form, "direction");
  if (!direction.empty()) {
    input.required_choice("direction", kDirections);
    input.check();
    std::vector<Slot> board;
    for (const auto& x : store.of_project(c.project_id))
      board.push_back({x.id, x.column, x.position});
    auto target = step(board, c.id, direction);
    if (!target)
      return htmx(req) ? Response::no_content()
                       : Response::redirect(board_url(c.project_id) + "#card-" + c.id);
    fields.column = target->column;
    fields.position = target->position;
  } else {
    fields.column = input.required_choice("column", kColumns);
    auto p = input.optional_int("position", 0, kMaxPosition);
    if (p) fields.position = static_cast<int>(*p);
  }
  auto version = input.optional_int("version", 1, 1LL << 40);
  if (!version) input.fail("version", "is required");
  input.check();
  BoardOptions options;
  options.may_edit = true;
  int status = 200;
  try {
    auto after = store.update(&req.who(), c.id, *version, fields);
    int in_column = 0;
    for (const auto& x : store.of_project(c.project_id)) in_column += x.column == after.column;
    std::string said = web::t(req.locale, "kaizen_moved");
    auto put = [&](const std::string& key, const std::string& value) {
      auto pos = said.find(key);
      if (pos != std::string::npos) said.replace(pos, key.size(), value);
    };
    put("{column}", web::t(req.locale, "kaizen_column_" + after.column));
    put("{position}", std::to_string(after.position + 1));
    put("{count}", std::to_string(in_column));
    options.announce = said;
  } catch (const core::Conflict&) {
    if (!htmx(req)) {
      Typed typed;
      typed.message = web::t(req.locale, "kaizen_conflict");
      typed.status = 409;
      return board_page(db, req, typed);
    }
    options.announce = web::t(req.locale, "kaizen_conflict");
    status = 409;
  }
  if (!htmx(req)) return Response::redirect(board_url(c.project_id) + "#card-" + c.id);
  return Response::html(status, board_html(*sql, req, c.project_id, options));
}

json card_form(const Card& c) {
  return {{"kind", c.kind},
          {"text", c.text},
          {"raised_by_id", c.raised_by_id.value_or("")},
          {"raised_by_name", c.raised_by_name.value_or("")},
          {"responsible_id", c.responsible_id.value_or("")},
          {"pdca", c.pdca.value_or("")},
          {"card_date", c.card_date},
          {"column", c.column},
          {"version", std::to_string(c.version)}};
}

Response card_page(db::Database& db, const Request& req, const json& typed, const json& errors,
                   int status) {
  auto view = web::base_view(req);
  {
    auto sql = db.lease();
    auto c = in_project(*sql, req, ProjectRight::kRead);
    auto p = projects::ProjectStore(*sql, req.who().tenant_id).get(c.project_id);
    view["project"] = {{"id", p.id}, {"title", p.title}};
    json form = typed.empty() ? card_form(c) : typed;
    view["card"] = {{"id", c.id},
                    {"text", c.text},
                    {"kind_label", web::t(req.locale, "kaizen_kind_" + c.kind)},
                    {"column_label", web::t(req.locale, "kaizen_column_" + c.column)},
                    {"raised_by", raised_by(c)},
                    {"responsible", c.responsible_name ? json(*c.responsible_name) : json()},
                    {"pdca", c.pdca ? json(*c.pdca) : json()},
                    {"date", c.card_date},
                    {"url", board_url(p.id) + "/cards/" + c.id},
                    {"version", std::to_string(c.version)}};
    view["form"] = form;
    auto all = people(*sql, req);
    view["people"] = options(all, form.value("responsible_id", ""));
    view["raisers"] = options(all, form.value("raised_by_id", ""));
    view["kind_options"] = options(labelled(req, kKinds, "kaizen_kind_"), form.value("kind", ""));
    view["column_options"] =
        options(labelled(req, kColumns, "kaizen_column_"), form.value("column", ""));
    view["decided_options"] = options(labelled(req, kDecidedColumns, "kaizen_column_"), "done");
    json kaizen_meetings = json::array();
    for (const auto& m : meetings::MeetingStore(*sql, req.who().tenant_id).of_project(p.id)) {
      if (m.kind == "kaizen")
        kaizen_meetings.push_back(
            {{"value", m.id}, {"label", m.title + " (" + m.starts_at.substr(0, 10) + ")"}});
    }
    view["meetings"] = kaizen_meetings;
    projects::ProjectScope scope(*sql, req, p.id);
    view["rights"] = {{"edit", scope.may(ProjectRight::kEdit)},
                      {"decide", scope.may(ProjectRight::kDecide)}};
  }
  view["errors"] = errors;
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "kaizen/card", view, {"kaizen_card_title", "projects", status});
}

Response update(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = form_json(form);
  typed["column"] = get(form, "column");
  typed["version"] = get(form, "version");
  try {
    auto sql = db.lease();
    auto c = in_project(*sql, req, ProjectRight::kEdit);
    json body = json::object();
    for (const auto& [k, v] : typed.items()) {
      if (form.count(k) && k != "version") body[k] = v;
    }
    core::Input input(body, true);
    auto fields = parse_card(input, false);
    if (fields.column && *fields.column == c.column) fields.column.reset();
    core::Input version_input(json{{"version", get(form, "version")}}, true);
    auto version = version_input.optional_int("version", 1, 1LL << 40);
    if (!version) input.fail("version", "is required");
    input.check();
    KaizenStore(*sql, req.who().tenant_id).update(&req.who(), c.id, *version, fields);
    return Response::redirect(board_url(c.project_id) + "?saved=1#card-" + c.id);
  } catch (const core::ValidationError& e) {
    return card_page(db, req, typed, web::form_errors(req, e.fields()), 422);
  } catch (const core::Conflict& e) {
    typed["version"] = std::to_string(e.current().value("version", 0LL));
    return card_page(db, req, typed, {{"_form", web::t(req.locale, "kaizen_conflict")}}, 409);
  }
}

Response decide(db::Database& db, const Request& req) {
  auto form = req.form();
  try {
    auto sql = db.lease();
    auto c = in_project(*sql, req, ProjectRight::kDecide);
    core::Input input(json{{"column", get(form, "column")},
                           {"decision", get(form, "decision")},
                           {"decided_on", get(form, "decided_on")},
                           {"decided_by", get(form, "decided_by")}},
                      true);
    std::string column = input.required_choice("column", kDecidedColumns);
    auto decision = projects::parse_gate_decision(input, req.who(), false);
    auto version = core::Input(json{{"version", get(form, "version")}}, true)
                       .optional_int("version", 1, 1LL << 40);
    if (!version) input.fail("version", "is required");
    input.check();
    std::string meeting_id = get(form, "meeting_id");
    if (!meeting_id.empty()) {
      auto m = meetings::MeetingStore(*sql, req.who().tenant_id).get(meeting_id);
      if (m.project_id != c.project_id)
        throw core::ValidationError("meeting_id", "is not a meeting of the project");
      decision.meeting_id = m.id;
    }
    decision.text = decision_text(req.locale, c, column, decision.text);
    KaizenStore(*sql, req.who().tenant_id).decide(&req.who(), c.id, *version, column, decision);
    return Response::redirect(board_url(c.project_id) + "?saved=1#card-" + c.id);
  } catch (const core::ValidationError& e) {
    json errors = json::object();
    json translated = web::form_errors(req, e.fields());
    for (const auto& [k, v] : translated.items()) errors["decision_" + k] = v;
    return card_page(db, req, json(), errors, 422);
  } catch (const core::Conflict&) {
    return card_page(db, req, json(), {{"_form", web::t(req.locale, "kaizen_conflict")}}, 409);
  }
}

Response wall_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  std::string project_id = req.param("id");
  auto sql = db.lease();
  projects::require_right(*sql, req.who(), project_id, ProjectRight::kRead);
  auto p = projects::ProjectStore(*sql, req.who().tenant_id).get(project_id);
  view["project"] = {{"id", p.id}, {"title", p.title}};
  // The newest redesign map, read-only.
  std::optional<maps::MapInfo> redesign;
  for (const auto& m : maps::MapStore(*sql, req.who().tenant_id).list(p.id)) {
    if (m.kind == "redesign" && (!redesign || m.updated_at > redesign->updated_at)) redesign = m;
  }
  if (redesign) {
    view["map"] = {{"title", redesign->title},
                   {"bpmn_url", "/api/v1/maps/" + redesign->id +
                                    "/bpmn?version=" + std::to_string(redesign->version)}};
  }
  kpis::KpiStore kpi_store(*sql, req.who().tenant_id);
  json charts = json::array();
  std::string today = req.who().today();
  for (const auto& k : kpi_store.of_project(p.id)) {
    auto chart = kpis::chart_json(k, kpi_store.points(k.id), kpi_store.periods(k.id), today);
    charts.push_back({{"id", k.id},
                      {"name", k.name},
                      {"unit", k.unit},
                      {"signal", !chart["signals"].empty()},
                      {"has_points", !chart["points"].empty()},
                      {"chart_json", chart.dump()}});
  }
  view["kpis"] = charts;
  view["has_kpis"] = !charts.empty();
  view["chart_labels"] = json{{"period", web::t(req.locale, "kpi_period")},
                              {"value", web::t(req.locale, "kpi_value")},
                              {"median", web::t(req.locale, "kpi_median")},
                              {"baseline", web::t(req.locale, "kpi_baseline")},
                              {"target", web::t(req.locale, "kpi_target")},
                              {"signal", web::t(req.locale, "kpi_signal")}}
                             .dump();
  BoardOptions options;
  options.wall = true;
  view["board_html"] = board_html(*sql, req, p.id, options);
  view["kaizen_assets"] = assets();
  view["modeler"] = {{"js", web::asset_url("modeler.js")}, {"css", web::asset_url("modeler.css")}};
  view["charts"] = {{"js", web::asset_url("charts.js")}, {"css", web::asset_url("charts.css")}};
  view["title"] = web::t(req.locale, "kaizen_wall_title") + " · " + p.title;
  view["updated"] = req.who().local_now().substr(11, 5);
  // Its own document: the wall screen has no site header, only the board.
  return Response::html(200, web::render_template("kaizen/wall", view));
}

// Fills a kaizen meeting's agenda from the board (the button on the meeting page).
Response generate_agenda(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  meetings::MeetingStore store(*sql, req.who().tenant_id);
  auto m = store.get(req.param("meeting"));
  if (m.project_id != req.param("id")) throw core::NotFound("no such meeting in this project");
  projects::require_right(*sql, req.who(), m.project_id, ProjectRight::kEdit);
  if (m.kind != "kaizen") throw core::ValidationError("kind", "must be kaizen");
  auto agenda = build_agenda(*sql, req.who().tenant_id, m.project_id, m.starts_at, m.id);
  meetings::MeetingFields fields;
  fields.agenda = agenda_lines(agenda, req.locale, &web::t, meetings::kMaxAgendaItems);
  auto version = core::Input(json{{"version", get(form, "version")}}, true)
                     .optional_int("version", 1, 1LL << 40);
  store.update(&req.who(), m.id, version.value_or(m.version), fields);
  return Response::redirect("/projects/" + m.project_id + "/meetings/" + m.id +
                            "?saved=1#agenda-heading");
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto& sql = scope.sql();
    const std::string& project_id = scope.project().id;
    auto view = web::base_view(req);
    auto cards = KaizenStore(sql, req.who().tenant_id).of_project(project_id);
    view["project_id"] = project_id;
    view["columns"] = column_counts(req, cards);
    view["has_cards"] = !cards.empty();
    return web::render_template("kaizen/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  router.add({"GET",
              "/projects/{id}/kaizen",
              Access::kAuthenticated,
              [&db](Request& req) { return board_page(db, req, Typed{}); },
              {"The project's kaizen board", "web"}});
  router.add({"POST",
              "/projects/{id}/kaizen",
              Access::kAuthenticated,
              [&db](Request& req) { return create(db, req); },
              {"Raise a kaizen card from the form", "web"}});
  router.add({"GET",
              "/projects/{id}/kaizen/board",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
                if (auto r = unchanged(*sql, req, req.param("id"))) return *r;
                BoardOptions options;
                options.may_edit =
                    projects::ProjectScope(*sql, req, req.param("id")).may(ProjectRight::kEdit);
                return Response::html(200, board_html(*sql, req, req.param("id"), options));
              },
              {"The board's columns as a fragment (?v=board version: 204 when unchanged)", "web"}});
  router.add({"GET",
              "/projects/{id}/kaizen/wall",
              Access::kAuthenticated,
              [&db](Request& req) { return wall_page(db, req); },
              {"The kaizen board for a wall screen: redesign map, run charts, cards", "web"}});
  router.add({"GET",
              "/projects/{id}/kaizen/wall/columns",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
                if (auto r = unchanged(*sql, req, req.param("id"))) return *r;
                BoardOptions options;
                options.wall = true;
                return Response::html(200, board_html(*sql, req, req.param("id"), options));
              },
              {"The wall screen's columns as a fragment (?v=: 204 when unchanged)", "web"}});
  router.add({"GET",
              "/projects/{id}/kaizen/cards/{card}",
              Access::kAuthenticated,
              [&db](Request& req) { return card_page(db, req, json(), json::object(), 200); },
              {"A kaizen card with its edit and decision forms", "web"}});
  router.add({"POST",
              "/projects/{id}/kaizen/cards/{card}",
              Access::kAuthenticated,
              [&db](Request& req) { return update(db, req); },
              {"Save a kaizen card from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/kaizen/cards/{card}/move",
              Access::kAuthenticated,
              [&db](Request& req) { return move(db, req); },
              {"Move a card (direction left/right/up/down, or column and position)", "web"}});
  router.add({"POST",
              "/projects/{id}/kaizen/cards/{card}/decision",
              Access::kAuthenticated,
              [&db](Request& req) { return decide(db, req); },
              {"Decide a card and record the decision in the decision log", "web"}});
  router.add({"POST",
              "/projects/{id}/kaizen/cards/{card}/delete",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto c = in_project(*sql, req, ProjectRight::kEdit);
                KaizenStore(*sql, req.who().tenant_id).remove(&req.who(), c.id);
                return Response::redirect(board_url(c.project_id) + "?saved=1");
              },
              {"Remove a kaizen card from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/kaizen/agenda/{meeting}",
              Access::kAuthenticated,
              [&db](Request& req) { return generate_agenda(db, req); },
              {"Fill a kaizen meeting's agenda from the board", "web"}});
}

}  // namespace kaizen
