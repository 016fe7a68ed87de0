// The kaizen board as JSON API: cards declared on the kit (moves and decisions are
// actions on a card), and the generated agenda of a kaizen meeting.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/ordered_list.hpp"
#include "http/paging.hpp"
#include "kaizen/agenda.hpp"
#include "kaizen/kaizen_routes.hpp"
#include "kaizen/kaizen_store.hpp"
#include "kaizen/kaizen_view.hpp"
#include "kit/resource.hpp"
#include "kit/routes.hpp"
#include "meetings/meeting_store.hpp"
#include "projects/project_input.hpp"
#include "web/i18n.hpp"

namespace kaizen {
namespace {

using http::Request;
using http::Response;
using kit::ProjectRight;
using nlohmann::json;

void register_schemas() {
  json move = move_fields().input_schema();
  move["properties"]["version"] = {{"type", "integer"}};
  http::register_schema("KaizenMove", move);
  http::register_schema("KaizenDecision",
                        {{"type", "object"},
                         {"required", {"column", "decision"}},
                         {"properties",
                          {{"column", {{"enum", kDecidedColumns}}},
                           {"decision", {{"type", "string"}}},
                           {"decided_on", {{"type", "string"}, {"format", "date"}}},
                           {"decided_by", {{"type", "string"}}},
                           {"meeting_id", {{"type", {"string", "null"}}}},
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
         {"agenda", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}});
}

std::string etag(long long board_version) {
  return "\"board-" + std::to_string(board_version) + "\"";
}

// The board in order with its version as ETag: 304 while it is as the caller has it.
Response board_list(const kit::ProjectScope& scope, const Request& req) {
  KaizenStore store(scope.sql(), scope.tenant_id());
  long long version = store.board_version(scope.project().id);
  auto tag = etag(version);
  if (req.header("if-none-match") == tag) {
    Response r;
    r.status = 304;
    r.header("ETag", tag);
    return r;
  }
  json body = http::page_in_order(req, http::json_items(store.of_project(scope.project().id)));
  body["board_version"] = version;
  return Response::json(200, body).header("ETag", tag);
}

// Anyone who may read the project raises cards (staff at the board); a card put in
// another column or place needs the edit right.
void card_rights(const kit::ProjectScope& scope, const Card& c) {
  if (c.column != "new" || c.position_asked) scope.require(ProjectRight::kEdit);
}

Response move(const Card& c, const kit::ProjectScope& scope, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  Card changed = move_fields().parse_new(input, c);
  long long version = http::required_version(req, input.raw());
  return Response::json(
      200,
      to_json(KaizenStore(scope.sql(), scope.tenant_id()).update(&scope.who(), changed, version)));
}

Response decide(const Card& c, const kit::ProjectScope& scope, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  std::string column = input.required_choice("column", kDecidedColumns);
  auto decision = projects::parse_gate_decision(input, scope.who(), false, "kaizen");
  std::optional<std::string> meeting_id;
  if (input.has("meeting_id") && !input.is_null("meeting_id"))
    meeting_id = input.optional_text("meeting_id", 64);
  input.check();
  decision =
      card_decision(scope.sql(), scope.tenant_id(), c, column, decision, meeting_id.value_or(""));
  long long version = http::required_version(req, input.raw());
  return Response::json(200, to_json(KaizenStore(scope.sql(), scope.tenant_id())
                                         .decide(&scope.who(), c.id, version, column, decision)));
}

Response agenda(db::Database& db, const Request& req) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  std::string before = req.who().local_now();
  std::string meeting_id = req.query_param("meeting_id").value_or("");
  if (!meeting_id.empty()) {
    auto m = meetings::MeetingStore(*sql, req.who().tenant_id).get(meeting_id);
    if (m.project_id != req.param("id")) throw core::NotFound("no such meeting in this project");
    before = m.starts_at;
  }
  auto a = build_agenda(*sql, req.who().tenant_id, req.param("id"), before, meeting_id);
  auto lines = agenda_lines(a, req.locale, &web::t, meetings::kMaxAgendaItems);
  return Response::json(200, to_json(a, lines));
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_api_routes(
      router, db,
      kit::Resource<Card, KaizenStore>{
          .plural = "kaizen-cards",
          .schema = "KaizenCard",
          .tag = "kaizen",
          .noun = "kaizen card",
          .fields = card_fields(),
          .create_right = ProjectRight::kRead,
          .actions = {{.name = "move",
                       .summary = "Move a card to a column and position (default: the column's "
                                  "end); the other cards are renumbered in the same transaction",
                       .request_schema = "KaizenMove",
                       .response_schema = "KaizenCard",
                       .run = move},
                      {.name = "decision",
                       .right = ProjectRight::kDecide,
                       .summary = "Decide a card: move it to done or rejected and record the "
                                  "decision in the project's decision log (naming and linking "
                                  "the card); needs the decide right",
                       .request_schema = "KaizenDecision",
                       .response_schema = "KaizenCard",
                       .run = decide}},
          .field_rights = card_rights,
          .list_response = board_list,
          .version_etag = true});
  kit::add_routes(router, db,
                  {{"GET",
                    "/api/v1/projects/{id}/kaizen-agenda",
                    http::Access::kAuthenticated,
                    agenda,
                    {"The standard agenda of a kaizen meeting, from the board: KPIs with new "
                     "signals since the previous kaizen meeting, overdue actions, cards to decide; "
                     "?meeting_id= prepares a given meeting",
                     "kaizen", "", "KaizenAgenda"}}});
}

}  // namespace kaizen
