// Surveys as JSON API (issue 17): the survey a tenant resource on the kit (any member makes
// one and owns it; its owner and administrators change it), a round sent to units with a
// personal link per person, opened and closed, its results once closed; and the answer
// through a personal link, open to anyone holding the link.
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "core/xlsx_writer.hpp"
#include "http/openapi.hpp"
#include "kit/exports.hpp"
#include "kit/routes.hpp"
#include "kit/tenant_resource.hpp"
#include "surveys/kpi_feed.hpp"
#include "surveys/round_report.hpp"
#include "surveys/round_sending.hpp"
#include "surveys/survey_routes.hpp"
#include "surveys/survey_store.hpp"

namespace surveys {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::size_t kUnitsMax = 500;

json round_json(const Round& r) {
  json grouping = json::array();
  for (const auto& u : r.grouping)
    grouping.push_back(
        {{"id", u.id}, {"parent_id", u.parent_id ? json(*u.parent_id) : json()}, {"name", u.name}});
  return {{"id", r.id},
          {"survey_id", r.survey_id},
          {"number", r.number},
          {"label", r.label},
          {"opens_on", r.opens_on},
          {"closes_on", r.closes_on},
          {"status", r.status},
          {"version", r.version},
          {"grouping", grouping},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

// POST /api/v1/surveys/{id}/rounds: the next round, with a personal link for each person of
// the units named (and of the units below them). The links are shown this once.
Response post_round(const Survey& s, soci::session& sql, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  Round r;
  r.label = input.required_text("label", kTitleMax);
  r.opens_on = input.required_text("opens_on", 10);
  r.closes_on = input.required_text("closes_on", 10);
  for (const char* key : {"opens_on", "closes_on"})
    if (input.has(key) && !core::is_valid_date(input.raw().value(key, "")))
      input.fail(key, core::Message{"err.date"});
  std::vector<std::string> units;
  if (input.has("unit_ids")) {
    const auto& given = input.raw().at("unit_ids");
    if (!given.is_array() || given.size() > kUnitsMax)
      input.fail("unit_ids", "must be a list of at most " + std::to_string(kUnitsMax) + " units");
    else
      for (const auto& u : given)
        if (u.is_string()) units.push_back(u.get<std::string>());
  }
  auto flag = [&](const char* key) {
    if (input.raw().contains(key) && !input.raw()[key].is_boolean())
      input.fail(key, "must be true or false");
    return input.raw().contains(key) && input.raw()[key] == true;
  };
  const bool by_mail = flag("mail");
  const bool participants = flag("project_participants");
  input.check();
  auto sent = surveys::send_round(sql, req.who(), s, r, {units, participants}, by_mail);
  json links = json::array();
  for (const auto& link : sent.links)
    links.push_back({{"person_id", link.person_id},
                     {"url", answer_url(link.secret)},
                     {"mailed", sent.mailed.count(link.person_id) > 0}});
  json body = round_json(sent.round);
  body["links"] = std::move(links);
  body["public_link"] = sent.public_secret ? json(answer_url(*sent.public_secret)) : json();
  return Response::json(201, body).header("Location", "/api/v1/rounds/" + sent.round.id);
}

// A round of the caller's tenant with its survey.
std::pair<Round, Survey> load_round(SurveyStore& store, const Request& req) {
  auto round = store.get_round(req.param("id"));
  return {round, store.get(round.survey_id)};
}

Response show_round(SurveyStore& store, const Request& req) {
  auto [round, survey] = load_round(store, req);
  json body = round_json(round);
  body["participation"] = participation_json(store.participation(round.id));
  return Response::json(200, body);
}

Response change_round(db::Database& db, const Request& req) {
  auto sql = db.lease();
  SurveyStore store(*sql, req.who().tenant_id);
  auto [round, survey] = load_round(store, req);
  require_owner(survey, req.who());
  auto input = core::Input::from_json_body(req.body);
  auto status = input.required_choice("status", kRoundStatuses);
  input.check();
  long long version = http::required_version(req, input.raw());
  return Response::json(
      200, round_json(change_round_status(*sql, req.who(), survey, round.id, status, version)));
}

// POST /api/v1/rounds/{id}/reminders: a fresh link by mail to each who has not answered.
Response remind(db::Database& db, const Request& req) {
  auto sql = db.lease();
  SurveyStore store(*sql, req.who().tenant_id);
  auto [round, survey] = load_round(store, req);
  return Response::json(200, {{"mailed", send_reminders(*sql, req.who(), survey, round.id)}});
}

json feeds_json(const std::vector<KpiFeed>& feeds) {
  json out = json::array();
  for (const auto& f : feeds)
    out.push_back({{"scale_key", f.scale_key},
                   {"kpi_id", f.kpi_id},
                   {"kpi_name", f.kpi_name},
                   {"project_id", f.project_id}});
  return out;
}

// POST /api/v1/surveys/{id}/kpi: {"scale_key", "kpi_id"}; every closed round's index is
// pushed to the KPI at once, and each round closed later too.
Response feed_kpi_route(const Survey& s, soci::session& sql, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto scale = input.required_text("scale_key", kTitleMax);
  auto kpi = input.required_text("kpi_id", core::kNameMax);
  input.check();
  feed_kpi_as(sql, req, s, scale, kpi);
  return Response::json(200,
                        {{"kpi_feeds", feeds_json(kpi_feeds(sql, req.who().tenant_id, s.id))}});
}

// GET /api/v1/rounds/{id}/results: how many answered per unit while the round runs; once it
// is closed the report (round_report.hpp): per scale and Likert item and unit, the change
// since the baseline and the trend.
Response results(SurveyStore& store, const Request& req) {
  auto [round, survey] = load_round(store, req);
  return Response::json(200, report_json(round_report(store, round, survey), round_json(round)));
}

// The closed round's aggregates for a spreadsheet (never an answer). Refused with 409 while the
// round runs: there are no results yet, and an empty file would read as a round nobody
// answered.
std::pair<core::Table, std::string> results_file(SurveyStore& store, const Request& req) {
  auto [round, survey] = load_round(store, req);
  if (round.status != "closed")
    throw core::Conflict("a round's results are exported once it is closed",
                         json{{"status", round.status}}, "round_not_closed");
  return {report_table(round_report(store, round, survey), req.locale),
          "survey-results-" + round.id + "-" + core::now_iso().substr(0, 10)};
}

Response results_csv(SurveyStore& store, const Request& req) {
  auto [table, name] = results_file(store, req);
  return Response::attachment(kit::kCsvType, core::to_csv(table), name + ".csv");
}

Response results_xlsx(SurveyStore& store, const Request& req) {
  auto [table, name] = results_file(store, req);
  return Response::attachment(kit::kXlsxType, core::to_xlsx(table, "results", {}), name + ".xlsx");
}

void register_feed_schemas() {
  http::register_schema(
      "SurveyReminders",
      {{"type", "object"},
       {"properties", {{"mailed", {{"type", "integer"}, {"description", "reminders written"}}}}}});
  http::register_schema(
      "SurveyKpiFeed",
      {{"type", "object"},
       {"required", {"scale_key", "kpi_id"}},
       {"properties", {{"scale_key", {{"type", "string"}}}, {"kpi_id", {{"type", "string"}}}}}});
  json feed = {{"type", "object"},
               {"properties",
                {{"scale_key", {{"type", "string"}}},
                 {"kpi_id", {{"type", "string"}}},
                 {"kpi_name", {{"type", "string"}}},
                 {"project_id", {{"type", "string"}}}}}};
  http::register_schema(
      "SurveyKpiFeeds",
      {{"type", "object"}, {"properties", {{"kpi_feeds", {{"type", "array"}, {"items", feed}}}}}});
}

void register_schemas() {
  register_feed_schemas();
  http::register_schema(
      "SurveyRoundInput",
      {{"type", "object"},
       {"required", {"label", "opens_on", "closes_on"}},
       {"properties",
        {{"label", {{"type", "string"}, {"maxLength", kTitleMax}}},
         {"opens_on", {{"type", "string"}, {"format", "date"}}},
         {"closes_on", {{"type", "string"}, {"format", "date"}}},
         {"unit_ids",
          {{"type", "array"},
           {"items", {{"type", "string"}}},
           {"description", "the units asked, with the units below them and their people"}}},
         {"project_participants",
          {{"type", "boolean"},
           {"description", "also everyone holding a role in the survey's project"}}},
         {"mail",
          {{"type", "boolean"},
           {"description",
            "mail each person with an address their link (their mail preference applies)"}}}}}});
  json round = {{"type", "object"},
                {"properties",
                 {{"id", {{"type", "string"}}},
                  {"survey_id", {{"type", "string"}}},
                  {"number", {{"type", "integer"}, {"description", "0: the baseline"}}},
                  {"label", {{"type", "string"}}},
                  {"opens_on", {{"type", "string"}, {"format", "date"}}},
                  {"closes_on", {{"type", "string"}, {"format", "date"}}},
                  {"status", {{"type", "string"}, {"enum", kRoundStatuses}}},
                  {"version", {{"type", "integer"}}},
                  {"grouping", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                  {"participation", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                  {"links",
                   {{"type", "array"},
                    {"items", {{"type", "object"}}},
                    {"description", "the personal links, shown only when the round is sent"}}}}}};
  http::register_schema("SurveyRound", round);
  http::register_schema("SurveyRoundChange",
                        {{"type", "object"},
                         {"required", {"status", "version"}},
                         {"properties",
                          {{"status", {{"type", "string"}, {"enum", kRoundStatuses}}},
                           {"version", {{"type", "integer"}}}}}});
  json change = {
      {"type", {"object", "null"}},
      {"description",
       "since the baseline round for the same unit, only when it is shown in both rounds and "
       "at least two answered in each; null otherwise"},
      {"properties",
       {{"difference", {{"type", "number"}, {"description", "now − baseline, index points"}}},
        {"t", {{"type", "number"}}},
        {"df", {{"type", "number"}, {"description", "Welch–Satterthwaite"}}},
        {"beyond_chance",
         {{"type", "boolean"}, {"description", "larger than chance would give at 5 %"}}}}}};
  http::register_schema(
      "SurveyResultLine",
      {{"type", "object"},
       {"description",
        "the whole round (unit_id null) or a unit over its subtree: n, mean and sd on 0–100, "
        "or only hidden: true where too few answered or it could be derived"},
       {"properties",
        {{"unit_id", {{"type", {"string", "null"}}}},
         {"name", {{"type", "string"}}},
         {"parent_id", {{"type", {"string", "null"}}}},
         {"hidden", {{"type", "boolean"}}},
         {"n", {{"type", "integer"}}},
         {"mean", {{"type", "number"}}},
         {"sd", {{"type", "number"}}},
         {"change", change}}}});
  const json line = {{"$ref", "#/components/schemas/SurveyResultLine"}};
  const json lines = {{"type", "array"}, {"items", line}};
  http::register_schema(
      "SurveyResultScale",
      {{"type", "object"},
       {"properties",
        {{"key", {{"type", "string"}}},
         {"name", {{"type", "object"}, {"description", "{da, sv, en}"}}},
         {"total", line},
         {"units", lines},
         {"trend",
          {{"type", "array"},
           {"description",
            "the whole round's index in each closed round of the survey, in number order"},
           {"items",
            {{"type", "object"},
             {"properties",
              {{"round_id", {{"type", "string"}}},
               {"number", {{"type", "integer"}}},
               {"label", {{"type", "string"}}},
               {"hidden", {{"type", "boolean"}}},
               {"n", {{"type", "integer"}}},
               {"mean", {{"type", "number"}}},
               {"sd", {{"type", "number"}}}}}}}}}}}});
  http::register_schema("SurveyResultItem",
                        {{"type", "object"},
                         {"properties",
                          {{"key", {{"type", "string"}}},
                           {"text", {{"type", "object"}, {"description", "{da, sv, en}"}}},
                           {"scale", {{"type", "string"}}},
                           {"reverse", {{"type", "boolean"}}},
                           {"total", line},
                           {"units", lines}}}});
  http::register_schema(
      "SurveyResults",
      {{"type", "object"},
       {"properties",
        {{"round", {{"$ref", "#/components/schemas/SurveyRound"}}},
         {"min_group", {{"type", "integer"}}},
         {"closed", {{"type", "boolean"}}},
         {"participation", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"baseline_round_id",
          {{"type", {"string", "null"}},
           {"description", "the survey's round 0 when it is closed and is not this round"}}},
         {"test", {{"type", "string"}, {"description", "the test behind every change"}}},
         {"scales",
          {{"type", "array"},
           {"items", {{"$ref", "#/components/schemas/SurveyResultScale"}}},
           {"description", "per scale of the questionnaire; empty until the round is closed"}}},
         {"items",
          {{"type", "array"},
           {"items", {{"$ref", "#/components/schemas/SurveyResultItem"}}},
           {"description",
            "per Likert item, its mean score 0–100 (reverse items flipped), hidden by the "
            "same rules on how many answered the item; empty until the round is closed"}}}}}});
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_tenant_routes(
      router, db,
      kit::TenantResource<Survey, SurveyStore>{
          .plural = "surveys",
          .schema = "Survey",
          .tag = "surveys",
          .noun = "survey",
          .fields = survey_fields(),
          .create_right = kit::TenantRight::kMember,
          .update_right = kit::TenantRight::kMember,
          .remove_right = kit::TenantRight::kMember,
          .may_change = require_owner,
          .summaries = {.list = "List the tenant's surveys",
                        .create = "Make a survey, from a built-in questionnaire (template_key) "
                                  "or one of its own",
                        .get = "Read a survey with its questionnaire",
                        .update = "Change a survey (its questionnaire only until a round is sent)",
                        .remove = "Remove a survey never sent"},
          .actions = {{.name = "rounds",
                       .method = "POST",
                       .summary = "Send the next round to units: a personal link for each of "
                                  "their people, shown this once",
                       .response_schema = "SurveyRound",
                       .run = post_round,
                       .request_schema = "SurveyRoundInput"},
                      {.name = "kpi",
                       .method = "POST",
                       .summary = "Feed a scale's index to a KPI: each closed round's index over "
                                  "everyone who answered becomes the KPI's value for the period "
                                  "the round closed in",
                       .response_schema = "SurveyKpiFeeds",
                       .run = feed_kpi_route,
                       .request_schema = "SurveyKpiFeed"}}});
  const auto user = Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/rounds/{id}",
        user,
        kit::with_store<SurveyStore>(show_round),
        {"A survey round with how many answered per unit", "surveys", "", "SurveyRound"}},
       {"PATCH",
        "/api/v1/rounds/{id}",
        user,
        change_round,
        {"Open or close a round (needs the current version)", "surveys", "SurveyRoundChange",
         "SurveyRound"}},
       {"POST",
        "/api/v1/rounds/{id}/reminders",
        user,
        remind,
        {"Remind by mail everyone of an open round who has not answered and has an address: "
         "each gets a fresh personal link, the earlier one stops working",
         "surveys", "", "SurveyReminders"}},
       {"GET",
        "/api/v1/rounds/{id}/results",
        user,
        kit::with_store<SurveyStore>(results),
        {"A round's results once closed: per scale and Likert item and unit, hidden where too "
         "few answered, the change since the baseline (Welch's t-test) and the trend",
         "surveys", "", "SurveyResults"}},
       {"GET",
        "/api/v1/rounds/{id}/results.csv",
        user,
        kit::with_store<SurveyStore>(results_csv),
        {"A closed round's aggregated results as CSV (UTF-8 with BOM, ';'): a row per scale "
         "and item × unit, hidden rows without figures; 409 before the round is closed",
         "surveys", "", "", false, 200, kit::kCsvType}},
       {"GET",
        "/api/v1/rounds/{id}/results.xlsx",
        user,
        kit::with_store<SurveyStore>(results_xlsx),
        {"A closed round's aggregated results as an Excel workbook; 409 before the round is "
         "closed",
         "surveys", "", "", false, 200, kit::kXlsxType}}});
}

}  // namespace surveys
