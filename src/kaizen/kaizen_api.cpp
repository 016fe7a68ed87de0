// The kaizen board as JSON API: cards, moves, decisions and the generated agenda
// of a kaizen meeting.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kaizen/agenda.hpp"
#include "kaizen/kaizen_routes.hpp"
#include "kaizen/kaizen_store.hpp"
#include "kaizen/kaizen_view.hpp"
#include "meetings/meeting_store.hpp"
#include "projects/project_access.hpp"
#include "projects/project_input.hpp"
#include "web/i18n.hpp"

namespace kaizen {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

void register_schemas() {
  json text = {{"type", "string"}};
  json nullable = {{"type", {"string", "null"}}};
  json input = {
      {"type", "object"},
      {"required", {"text"}},
      {"properties",
       {{"kind", {{"enum", kKinds}}},
        {"text", {{"type", "string"}, {"maxLength", kTextMax}}},
        {"raised_by_id",
         {{"type", {"string", "null"}},
          {"description", "a person of the tenant; or use raised_by_name"}}},
        {"raised_by_name",
         {{"type", {"string", "null"}},
          {"description", "free name (staff without an account); default: the caller"}}},
        {"responsible_id", nullable},
        {"pdca", {{"type", {"string", "null"}}, {"description", "plan-do-check-act note"}}},
        {"card_date", {{"type", "string"}, {"format", "date"}}},
        {"column",
         {{"enum", kColumns}, {"description", "default new; another column needs the edit right"}}},
        {"position",
         {{"type", "integer"}, {"minimum", 0}, {"description", "0-based in the column"}}}}}};
  http::register_schema("KaizenCardInput", input);
  json patch = input;
  patch.erase("required");
  patch["properties"]["version"] = {{"type", "integer"}};
  http::register_schema("KaizenCardPatch", patch);
  json card = patch;
  for (const char* k : {"id", "project_id", "created_at", "updated_at", "raised_by"})
    card["properties"][k] = text;
  card["properties"]["responsible_name"] = nullable;
  http::register_schema("KaizenCard", card);
  http::register_schema("KaizenMove", {{"type", "object"},
                                       {"required", {"column"}},
                                       {"properties",
                                        {{"column", {{"enum", kColumns}}},
                                         {"position", {{"type", "integer"}, {"minimum", 0}}},
                                         {"version", {{"type", "integer"}}}}}});
  http::register_schema("KaizenDecision",
                        {{"type", "object"},
                         {"required", {"column", "decision"}},
                         {"properties",
                          {{"column", {{"enum", kDecidedColumns}}},
                           {"decision", text},
                           {"decided_on", {{"type", "string"}, {"format", "date"}}},
                           {"decided_by", text},
                           {"meeting_id", nullable},
                           {"version", {{"type", "integer"}}}}}});
  http::register_schema(
      "KaizenAgenda",
      {{"type", "object"},
       {"properties",
        {{"previous_meeting", {{"type", {"object", "null"}}}},
         {"kpis_with_new_signals", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"overdue_actions", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"cards_to_decide",
          {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/KaizenCard"}}}}},
         {"agenda", {{"type", "array"}, {"items", text}}}}}});
}

std::string etag(long long board_version) {
  return "\"board-" + std::to_string(board_version) + "\"";
}

// The card in the caller's tenant and the right on its project; NotFound first.
Card load(soci::session& sql, const Request& req, ProjectRight right) {
  auto c = KaizenStore(sql, req.who().tenant_id).get(req.param("id"));
  projects::require_right(sql, req.who(), c.project_id, right);
  return c;
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  router.add({"GET",
              "/api/v1/projects/{id}/kaizen-cards",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
                KaizenStore store(*sql, req.who().tenant_id);
                long long version = store.board_version(req.param("id"));
                auto tag = etag(version);
                if (req.header("if-none-match") == tag) {
                  Response r;
                  r.status = 304;
                  r.header("ETag", tag);
                  return r;
                }
                json items = json::array();
                for (const auto& c : store.of_project(req.param("id"))) items.push_back(to_json(c));
                json body = http::page_in_order(req, std::move(items));
                body["board_version"] = version;
                return Response::json(200, body).header("ETag", tag);
              },
              {"The project's kaizen cards in board order (column, then position); ETag is the "
               "board version, If-None-Match answers 304 when nothing changed",
               "kaizen", "", "KaizenCard", true}});
  router.add(
      {"POST",
       "/api/v1/projects/{id}/kaizen-cards",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         // Anyone who may read the project raises cards: staff at the board.
         projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
         auto input = core::Input::from_json_body(req.body);
         auto fields = parse_card(input, true);
         input.check();
         if ((fields.column && *fields.column != "new") || fields.position)
           projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
         auto c =
             KaizenStore(*sql, req.who().tenant_id).create(&req.who(), req.param("id"), fields);
         return Response::json(201, to_json(c)).header("Location", "/api/v1/kaizen-cards/" + c.id);
       },
       {"Raise a card (any member who may read the project); column and position need "
        "the edit right",
        "kaizen", "KaizenCardInput", "KaizenCard", false, 201}});
  router.add({"GET",
              "/api/v1/kaizen-cards/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto c = load(*sql, req, ProjectRight::kRead);
                return Response::json(200, to_json(c))
                    .header("ETag", "\"" + std::to_string(c.version) + "\"");
              },
              {"One kaizen card", "kaizen", "", "KaizenCard"}});
  router.add(
      {"PATCH",
       "/api/v1/kaizen-cards/{id}",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto c = load(*sql, req, ProjectRight::kEdit);
         auto input = core::Input::from_json_body(req.body);
         auto fields = parse_card(input, false);
         input.check();
         long long version = http::required_version(req, input.raw());
         auto after =
             KaizenStore(*sql, req.who().tenant_id).update(&req.who(), c.id, version, fields);
         return Response::json(200, to_json(after))
             .header("ETag", "\"" + std::to_string(after.version) + "\"");
       },
       {"Change a card; column and position move it (needs the current version, If-Match "
        "or version; 409 with the current card)",
        "kaizen", "KaizenCardPatch", "KaizenCard"}});
  router.add(
      {"POST",
       "/api/v1/kaizen-cards/{id}/move",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto c = load(*sql, req, ProjectRight::kEdit);
         auto input = core::Input::from_json_body(req.body);
         CardFields fields;
         fields.column = input.required_choice("column", kColumns);
         if (input.has("position") && !input.is_null("position")) {
           auto p = input.optional_int("position", 0, kMaxPosition);
           if (p) fields.position = static_cast<int>(*p);
         }
         input.check();
         long long version = http::required_version(req, input.raw());
         auto after =
             KaizenStore(*sql, req.who().tenant_id).update(&req.who(), c.id, version, fields);
         return Response::json(200, to_json(after));
       },
       {"Move a card to a column and position (default: the column's end); the other "
        "cards are renumbered in the same transaction",
        "kaizen", "KaizenMove", "KaizenCard"}});
  router.add({"POST",
              "/api/v1/kaizen-cards/{id}/decision",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto c = load(*sql, req, ProjectRight::kDecide);
                auto input = core::Input::from_json_body(req.body);
                std::string column = input.required_choice("column", kDecidedColumns);
                auto decision = projects::parse_gate_decision(input, req.who(), false);
                std::optional<std::string> meeting_id;
                if (input.has("meeting_id") && !input.is_null("meeting_id"))
                  meeting_id = input.optional_text("meeting_id", 64);
                input.check();
                if (meeting_id && !meeting_id->empty()) {
                  auto m = meetings::MeetingStore(*sql, req.who().tenant_id).get(*meeting_id);
                  if (m.project_id != c.project_id)
                    throw core::ValidationError("meeting_id", "is not a meeting of the project");
                  decision.meeting_id = m.id;
                }
                long long version = http::required_version(req, input.raw());
                decision.text = decision_text(req.locale, c, column, decision.text);
                auto after = KaizenStore(*sql, req.who().tenant_id)
                                 .decide(&req.who(), c.id, version, column, decision);
                return Response::json(200, to_json(after));
              },
              {"Decide a card: move it to done or rejected and record the decision in the "
               "project's decision log (naming and linking the card); needs the decide right",
               "kaizen", "KaizenDecision", "KaizenCard"}});
  router.add({"DELETE",
              "/api/v1/kaizen-cards/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto c = load(*sql, req, ProjectRight::kEdit);
                KaizenStore(*sql, req.who().tenant_id).remove(&req.who(), c.id);
                return Response::no_content();
              },
              {"Remove a card; its column closes up", "kaizen", "", "", false, 204}});
  router.add({"GET",
              "/api/v1/projects/{id}/kaizen-agenda",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
                std::string before = req.who().local_now();
                std::string meeting_id = req.query_param("meeting_id").value_or("");
                if (!meeting_id.empty()) {
                  auto m = meetings::MeetingStore(*sql, req.who().tenant_id).get(meeting_id);
                  if (m.project_id != req.param("id"))
                    throw core::NotFound("no such meeting in this project");
                  before = m.starts_at;
                }
                auto agenda =
                    build_agenda(*sql, req.who().tenant_id, req.param("id"), before, meeting_id);
                auto lines = agenda_lines(agenda, req.locale, &web::t, meetings::kMaxAgendaItems);
                return Response::json(200, to_json(agenda, lines));
              },
              {"The standard agenda of a kaizen meeting, from the board: KPIs with new "
               "signals since the previous kaizen meeting, overdue actions, cards to decide; "
               "?meeting_id= prepares a given meeting",
               "kaizen", "", "KaizenAgenda"}});
}

}  // namespace kaizen
