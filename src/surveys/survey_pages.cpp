// The survey pages (issue 17): the tenant's surveys with the form for a new one from a
// built-in questionnaire; one survey with its questions, its rounds and how many answered
// per unit, the form that sends the next round (its personal links shown this once) and
// the buttons that open and close a round. The questions' form is in survey_question_pages,
// the results in survey_results_page.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include "core/input.hpp"
#include "core/time.hpp"
#include "http/paging.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kpis/kpi_store.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "surveys/kpi_feed.hpp"
#include "surveys/questionnaire.hpp"
#include "surveys/round_report.hpp"
#include "surveys/round_sending.hpp"
#include "surveys/survey_routes.hpp"
#include "surveys/survey_store.hpp"
#include "surveys/survey_views.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace surveys::pages {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kProjectChoices = 200;
constexpr int kRoundDays = 14;  // how long the send form proposes a round stays open

json template_choices(const Request& req, const std::string& chosen) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& q : builtin_questionnaires())
    values.emplace_back(q.key, text_in(q.name, req.locale));
  return web::select_options(values, chosen);
}

json project_choices(soci::session& sql, const Request& req, const std::string& chosen) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& p : projects::ProjectStore(sql, req.who().tenant_id).page("", kProjectChoices))
    values.emplace_back(p.id, p.title);
  return web::select_options(values, chosen);
}

std::string round_name(const Request& req, const Round& r) {
  if (r.number == 0) return web::t(req.locale, "survey_round_baseline");
  return web::t(req.locale, "survey_round_follow_up") + " " + std::to_string(r.number);
}

Response list_page(db::Database& db, const Request& req, json form, const json& errors,
                   int status) {
  auto page = http::Page::from(req);
  auto view = web::base_view(req);
  auto sql = db.lease();
  json rows = json::array();
  for (const auto& s : SurveyStore(*sql, req.who().tenant_id).list(page)) {
    std::string from;
    if (s.template_key)
      if (auto q = find_builtin_questionnaire(*s.template_key)) from = text_in(q->name, req.locale);
    rows.push_back({{"id", s.id},
                    {"title", s.title},
                    {"from", from},
                    {"audience", web::t(req.locale, "survey_audience_" + s.audience)},
                    {"created", s.created_at.substr(0, 10)}});
  }
  auto body = http::page_body(std::move(rows), page);
  view["surveys"] = body["items"];
  view["has_surveys"] = !body["items"].empty();
  if (!body["next_cursor"].is_null())
    view["next_url"] = "/surveys?cursor=" + body["next_cursor"].get<std::string>();
  if (form.is_null())
    form = {
        {"title", ""},
        {"min_group", std::to_string(SurveyStore(*sql, req.who().tenant_id).tenant_min_group())}};
  view["form"] = form;
  view["errors"] = errors;
  view["templates"] = template_choices(req, form.value("template_key", "social-capital-short"));
  view["projects"] = project_choices(*sql, req, form.value("project_id", ""));
  view["may_create"] = !req.who().person_id.empty();
  return web::page(req, "surveys/list", view, {"survey_list_title", "surveys", status});
}

Response create_survey(db::Database& db, const Request& req) {
  json typed = http::form_json(req.body, {});
  return kit::form_post(
      req,
      [&] {
        core::Input input(typed, true);
        auto fresh = survey_fields().parse_new(input);
        auto sql = db.lease();
        auto made = SurveyStore(*sql, req.who().tenant_id).create(&req.who(), fresh);
        return Response::redirect("/surveys/" + made.id);
      },
      [&](const kit::FormRefusal& refused) {
        return list_page(db, req, typed, refused.errors, refused.status);
      });
}

json questions_view(const Request& req, const Survey& s) {
  std::map<std::string, std::string> scale_names;
  for (const auto& sc : s.questionnaire.value("scales", json::array()))
    scale_names[sc.value("key", "")] = text_in(sc.value("name", json()), req.locale);
  json out = json::array();
  for (const auto& item : s.questionnaire.value("items", json::array())) {
    const std::string scale = item.value("scale", "");
    out.push_back({{"key", item.value("key", "")},
                   {"text", text_in(item.value("text", json()), req.locale)},
                   {"kind", web::t(req.locale, "survey_kind_" + item.value("kind", ""))},
                   {"scale", scale_names.count(scale) ? scale_names[scale] : ""},
                   {"reverse", item.value("reverse", false)},
                   {"source", item.value("source", "")}});
  }
  return out;
}

json participation_view(const Request& req, const Round& r,
                        const std::vector<Participation>& counts) {
  std::map<std::string, std::string> names;
  for (const auto& u : r.grouping) names[u.id] = u.name;
  json out = json::array();
  long long invited = 0;
  long long answered = 0;
  for (const auto& p : counts) {
    invited += p.invited;
    answered += p.answered;
    const std::string name = p.unit_id && names.count(*p.unit_id)
                                 ? names[*p.unit_id]
                                 : web::t(req.locale, "survey_no_unit");
    out.push_back({{"unit", name}, {"invited", p.invited}, {"answered", p.answered}});
  }
  return {{"units", out},
          {"invited", invited},
          {"answered", answered},
          {"rate", invited ? web::format_number(req.locale, 100.0 * answered / invited, 0) : "–"}};
}

json rounds_view(const Request& req, SurveyStore& store, const Survey& s, bool owner) {
  json out = json::array();
  for (const auto& r : store.rounds(s.id)) {
    json row = {{"id", r.id},
                {"name", round_name(req, r)},
                {"label", r.label},
                {"opens_on", r.opens_on},
                {"closes_on", r.closes_on},
                {"status", web::t(req.locale, "survey_status_" + r.status)},
                {"version", r.version},
                {"participation", participation_view(req, r, store.participation(r.id))},
                {"may_open", owner && r.status == "planned"},
                {"may_close", owner && r.status == "open"},
                {"closed", r.status == "closed"}};
    out.push_back(row);
  }
  return out;
}

std::string indent(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += "\u00a0\u00a0\u00a0";
  return out;
}

json unit_checkboxes(soci::session& sql, const Request& req, const json& chosen) {
  json out = json::array();
  const auto units = org::UnitStore(sql, req.who().tenant_id).all();  // tree_order points into it
  std::size_t at = 0;
  for (const auto& row : org::tree_order(units)) {
    bool checked = false;
    for (const auto& c : chosen)
      if (c == row.unit->id) checked = true;
    out.push_back({{"id", "survey-unit-" + std::to_string(at++)},
                   {"value", row.unit->id},
                   // Non-breaking spaces show the tree without styles.
                   {"label", indent(row.depth) + row.unit->name},
                   {"checked", checked}});
  }
  return out;
}

json links_view(soci::session& sql, const Request& req, const SentRound& sent) {
  org::PersonStore people(sql, req.who().tenant_id);
  std::map<std::string, std::string> unit_names;
  for (const auto& u : sent.round.grouping) unit_names[u.id] = u.name;
  json out = json::array();
  for (const auto& link : sent.links) {
    auto person = people.find(link.person_id);
    out.push_back({{"mailed", sent.mailed.count(link.person_id) > 0},
                   {"name", person ? person->name : ""},
                   {"unit", person && person->unit_id && unit_names.count(*person->unit_id)
                                ? unit_names[*person->unit_id]
                                : ""},
                   {"url", answer_url(link.secret)}});
  }
  return out;
}

// The KPIs the survey's scales feed, and for a survey of a project the form that adds one.
void add_kpi_feeds(soci::session& sql, const Request& req, const Survey& s, json& view,
                   const SurveyState& state) {
  std::map<std::string, std::string> scale_names;
  std::vector<std::pair<std::string, std::string>> scales;
  for (const auto& sc : s.questionnaire.value("scales", json::array())) {
    scale_names[sc.value("key", "")] = text_in(sc.value("name", json()), req.locale);
    scales.emplace_back(sc.value("key", ""), scale_names[sc.value("key", "")]);
  }
  json feeds = json::array();
  for (const auto& f : kpi_feeds(sql, req.who().tenant_id, s.id))
    feeds.push_back({{"scale", scale_names[f.scale_key]},
                     {"kpi", f.kpi_name},
                     {"url", "/projects/" + f.project_id + "/kpis/" + f.kpi_id}});
  view["kpi_feeds"] = feeds;
  view["has_kpi_feeds"] = !feeds.empty();
  view["show_kpis"] = !feeds.empty();
  if (!s.project_id || scales.empty() || !view.value("owner", false)) return;
  view["show_kpis"] = true;
  std::vector<std::pair<std::string, std::string>> kpi_values;
  for (const auto& k : kpis::KpiStore(sql, req.who().tenant_id).of_project(*s.project_id))
    kpi_values.emplace_back(k.id, k.name);
  const json typed = state.feed_form.is_null() ? json::object() : state.feed_form;
  view["feed"] = {{"scales", web::select_options(scales, typed.value("scale_key", ""))},
                  {"kpis", web::select_options(kpi_values, typed.value("kpi_id", ""))},
                  {"has_kpis", !kpi_values.empty()},
                  {"new_kpi", "/projects/" + *s.project_id + "/kpis/new"}};
}

Response survey_page(db::Database& db, const Request& req, SurveyState state) {
  auto sql = db.lease();
  SurveyStore store(*sql, req.who().tenant_id);
  auto s = store.get(req.param("id"));
  const bool owner = is_owner(s, req.who());
  auto view = web::base_view(req);
  view["survey"] = {{"id", s.id},
                    {"title", s.title},
                    {"description", s.description.value_or("")},
                    {"audience", web::t(req.locale, "survey_audience_" + s.audience)},
                    {"min_group", std::max(s.min_group, store.tenant_min_group())}};
  view["questions"] = questions_view(req, s);
  view["rounds"] = rounds_view(req, store, s, owner);
  view["has_rounds"] = !view["rounds"].empty();
  // Questions change only until the first round is sent: answers were given to them.
  if (owner && view["rounds"].empty()) add_question_form(req, s, view, state);
  view["owner"] = owner;
  view["citizens"] = s.audience == "citizens";
  view["has_project"] = s.project_id.has_value();
  const std::string today = req.who().today();
  json form = state.form.is_null() ? json{{"label", ""},
                                          {"opens_on", today},
                                          {"closes_on", core::plus_days(today, kRoundDays)},
                                          {"mail", "1"},
                                          {"unit_ids", json::array()}}
                                   : state.form;
  view["form"] = form;
  view["errors"] = state.errors;
  if (owner) view["units"] = unit_checkboxes(*sql, req, form.value("unit_ids", json::array()));
  if (state.sent) {
    view["sent"] = {
        {"name", round_name(req, state.sent->round)},
        {"links", links_view(*sql, req, *state.sent)},
        {"has_links", !state.sent->links.empty()},
        {"public_link",
         state.sent->public_secret ? json(answer_url(*state.sent->public_secret)) : json()}};
  }
  add_kpi_feeds(*sql, req, s, view, state);
  if (auto reminded = req.query_param("reminded"))
    view["notice"] = web::render_message(
        req.locale, core::Message{"survey_done_reminded", {{"n", std::atoi(reminded->c_str())}}});
  if (auto done = req.query_param("done");
      done && (*done == "open" || *done == "closed" || *done == "fed"))
    view["notice"] = web::t(req.locale, "survey_done_" + *done);
  auto r = web::page(req, "surveys/survey", view, {"survey_page_title", "surveys", state.status});
  // The links just sent are secrets: the page is not kept.
  if (state.sent) r.header("Cache-Control", "no-store");
  return r;
}

Response send_round_form(db::Database& db, const Request& req) {
  json typed = http::form_json(req.body, {"unit_ids"});
  SurveyState state;
  try {
    auto input = core::Input(typed, true);
    Round r;
    r.label = input.required_text("label", kTitleMax);
    r.opens_on = input.required_text("opens_on", 10);
    r.closes_on = input.required_text("closes_on", 10);
    for (const char* key : {"opens_on", "closes_on"})
      if (input.has(key) && !core::is_valid_date(typed.value(key, "")))
        input.fail(key, core::Message{"err.date"});
    input.check();
    std::vector<std::string> units;
    for (const auto& u : typed.value("unit_ids", json::array()))
      if (u.is_string()) units.push_back(u.get<std::string>());
    auto sql = db.lease();
    auto survey = SurveyStore(*sql, req.who().tenant_id).get(req.param("id"));
    state.sent = send_round(*sql, req.who(), survey, r,
                            {units, typed.value("project_participants", "") == "1"},
                            typed.value("mail", "") == "1");
    state.status = 201;
  } catch (const core::ValidationError& e) {
    state = {typed, web::validation_errors(req, e), 422, std::nullopt};
  } catch (const core::Forbidden& e) {
    state = {typed, {{"_form", web::error_text(req, e)}}, 403, std::nullopt};
  }
  return survey_page(db, req, std::move(state));
}

// Feeds a scale's index to a KPI of the survey's project from the survey page.
Response feed_kpi_form(db::Database& db, const Request& req) {
  json typed = http::form_json(req.body, {});
  SurveyState state;
  try {
    auto input = core::Input(typed, true);
    auto scale = input.required_text("scale_key", kTitleMax);
    auto kpi = input.required_text("kpi_id", core::kNameMax);
    input.check();
    auto sql = db.lease();
    auto survey = SurveyStore(*sql, req.who().tenant_id).get(req.param("id"));
    feed_kpi_as(*sql, req, survey, scale, kpi);
    return Response::redirect("/surveys/" + survey.id + "?done=fed");
  } catch (const core::ValidationError& e) {
    state.errors = web::validation_errors(req, e);
    state.status = 422;
  } catch (const core::Forbidden& e) {
    state.errors = {{"_form", web::error_text(req, e)}};
    state.status = 403;
  }
  state.feed_form = typed;
  return survey_page(db, req, std::move(state));
}

// Reminds those of an open round who have not answered, from the survey page.
Response remind_form(db::Database& db, const Request& req) {
  auto sql = db.lease();
  SurveyStore store(*sql, req.who().tenant_id);
  auto round = store.get_round(req.param("id"));
  auto survey = store.get(round.survey_id);
  const int mailed = send_reminders(*sql, req.who(), survey, round.id);
  return Response::redirect("/surveys/" + survey.id + "?reminded=" + std::to_string(mailed));
}

// Opens or closes a round from the survey page's buttons, at the version shown.
Response set_round_status(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  SurveyStore store(*sql, req.who().tenant_id);
  auto round = store.get_round(req.param("id"));
  auto survey = store.get(round.survey_id);
  const std::string status = form.count("status") ? form.at("status") : "";
  long long version = 0;
  try {
    version = std::stoll(form.count("version") ? form.at("version") : "");
  } catch (const std::exception&) {
    throw core::ValidationError("version", "is missing");
  }
  change_round_status(*sql, req.who(), survey, round.id, status, version);
  return Response::redirect("/surveys/" + survey.id + "?done=" + status);
}

}  // namespace surveys::pages

namespace surveys {

void add_pages(http::Router& router, db::Database& db) {
  using http::Request;
  using nlohmann::json;
  kit::add_page_routes(
      router, db,
      {{"GET", "/surveys",
        [](db::Database& db, const Request& req) {
          return pages::list_page(db, req, nullptr, json::object(), 200);
        },
        "The tenant's surveys and the form for a new one"},
       {"POST", "/surveys", pages::create_survey, "Make a survey from the form"},
       {"GET", "/surveys/{id}",
        [](db::Database& db, const Request& req) { return pages::survey_page(db, req, {}); },
        "A survey: its questions, rounds and response rates"},
       {"POST", "/surveys/{id}/rounds", pages::send_round_form,
        "Send the next round from the form; its personal links are shown this once"},
       {"POST", "/surveys/{id}/kpi", pages::feed_kpi_form,
        "Feed a scale's index to a KPI from the form"},
       {"POST", "/surveys/{id}/items", pages::add_question,
        "Add a question from the form (until the first round is sent)"},
       {"POST", "/surveys/{id}/items/{key}/remove", pages::remove_question,
        "Remove a question from the form (until the first round is sent)"},
       {"POST", "/rounds/{id}/status", pages::set_round_status,
        "Open or close a round from the page"},
       {"POST", "/rounds/{id}/reminders", pages::remind_form,
        "Remind by mail those of an open round who have not answered"},
       {"GET", "/rounds/{id}/results", pages::results_page,
        "A round's results per scale, item and unit, small groups hidden"}});
}

}  // namespace surveys
