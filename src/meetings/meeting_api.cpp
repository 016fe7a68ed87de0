// Meetings as a resource on the kit (attendance and decisions are actions on a
// meeting), the attendance by unit and the iCalendar exports.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/ordered_list.hpp"
#include "http/paging.hpp"
#include "kit/resource.hpp"
#include "kit/routes.hpp"
#include "meetings/meeting_invitations.hpp"
#include "meetings/meeting_routes.hpp"
#include "meetings/meeting_store.hpp"
#include "meetings/meeting_view.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"

namespace meetings {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

constexpr const char* kCalendarType = "text/calendar; charset=utf-8";

Response calendar(std::string body, const std::string& filename) {
  return Response::attachment(kCalendarType, std::move(body), filename);
}

// What the field table does not know: attendance, the meeting with what hangs on it,
// attendance by unit.
void register_schemas() {
  json text = {{"type", "string"}};
  json nullable = {{"type", {"string", "null"}}};
  json attendee = {{"type", "object"},
                   {"required", {"person_id"}},
                   {"properties",
                    {{"person_id", text},
                     {"person_name", text},
                     {"unit_id", nullable},
                     {"status",
                      {{"enum", {"present", "absent", "substitute", nullptr}},
                       {"description", "null: invited, attendance not recorded yet"}}},
                     {"substitute_person_id", nullable},
                     {"substitute_name", nullable}}}};
  http::register_schema("Attendee", attendee);
  http::register_schema(
      "AttendanceInput",
      {{"description", "the whole list; a bare array or {\"attendance\": [...]}"},
       {"oneOf",
        {{{"type", "array"}, {"items", attendee}},
         {{"type", "object"},
          {"properties", {{"attendance", {{"type", "array"}, {"items", attendee}}}}}}}}});
  json meeting = meeting_fields().schema();
  meeting["properties"].erase("repeat");
  meeting["properties"]["attendance"] = {{"type", "array"},
                                         {"items", {{"$ref", "#/components/schemas/Attendee"}}}};
  meeting["properties"]["decisions"] = {{"type", "array"},
                                        {"items", {{"$ref", "#/components/schemas/Decision"}}}};
  meeting["properties"]["occurrences"] = {
      {"type", "array"},
      {"description", "on create: every meeting of the new series"},
      {"items", {{"type", "object"}}}};
  http::register_schema("Meeting", meeting);
  http::register_schema("Invitations", {{"type", "object"},
                                        {"properties",
                                         {{"queued", {{"type", "array"}, {"items", text}}},
                                          {"skipped", {{"type", "array"}, {"items", text}}}}}});
  http::register_schema(
      "AttendanceByUnit",
      {{"type", "object"},
       {"properties",
        {{"project_id", text},
         {"meetings",
          {{"type", "array"},
           {"description", "meetings with attendance recorded, in time order"},
           {"items", {{"type", "object"}}}}},
         {"units",
          {{"type", "array"},
           {"items",
            {{"type", "object"},
             {"properties",
              {{"unit_id", text},
               {"unit_name", text},
               {"present", {{"type", "array"}, {"items", {{"type", "boolean"}}}}},
               {"longest_absence", {{"type", "integer"}}},
               {"current_absence", {{"type", "integer"}}},
               {"flagged",
                {{"type", "boolean"},
                 {"description", "absent from two meetings in a row (seed 000)"}}}}}}}}},
         {"flagged_unit_ids", {{"type", "array"}, {"items", text}}},
         {"meetings_without_attendance", {{"type", "integer"}}}}}});
}

// A bare array or {"attendance": [...]}.
json attendance_list(const std::string& body) {
  if (body.empty()) throw core::BadRequest("the request body is empty; a JSON list was expected");
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) throw core::BadRequest("malformed JSON", "malformed_json");
  if (parsed.is_object() && parsed.contains("attendance")) return parsed["attendance"];
  if (parsed.is_array()) return parsed;
  throw core::ValidationError("attendance", "must be a list");
}

std::string project_filename(const std::string& project_id) {
  return "fremdrift-meetings-" + project_id + ".ics";
}

// The meeting with its attendance and decisions; on create, every meeting of a series.
json detail(const Meeting& m, const kit::ProjectScope& scope, const Request& req) {
  json body = meeting_detail(scope.sql(), scope.tenant_id(), m, req.locale);
  if (m.occurrences.size() > 1) {
    body["occurrences"] = json::array();
    for (const auto& o : m.occurrences)
      body["occurrences"].push_back({{"id", o.id}, {"starts_at", o.starts_at}});
  }
  return body;
}

// In time order; ?series_id= for one series.
json meeting_list(const kit::ProjectScope& scope, const Request& req) {
  return http::json_items(
      MeetingStore(scope.sql(), scope.tenant_id())
          .of_project(scope.project().id, req.query_param("series_id").value_or("")));
}

Response attendance(const Meeting& m, const kit::ProjectScope& scope, Request& req) {
  return http::ordered_list(req, MeetingStore(scope.sql(), scope.tenant_id()).attendance(m.id));
}

Response record_attendance(const Meeting& m, const kit::ProjectScope& scope, Request& req) {
  auto entries = parse_attendance(attendance_list(req.body));
  MeetingStore store(scope.sql(), scope.tenant_id());
  store.set_attendance(&scope.who(), m.id, entries);
  return Response::json(
      200, meeting_detail(scope.sql(), scope.tenant_id(), store.get(m.id), req.locale));
}

// 202: the invitations wait in the outbox; the mail server may be down.
Response invite(const Meeting& m, const kit::ProjectScope& scope, Request& req) {
  auto sent = send_invitations(scope.sql(), scope.tenant_id(), m, scope.project().title,
                               req.who().tenant_time_zone);
  return Response::json(202, {{"queued", sent.queued}, {"skipped", sent.skipped}});
}

Response decisions(const Meeting& m, const kit::ProjectScope& scope, Request& req) {
  auto all = meeting_detail(scope.sql(), scope.tenant_id(), m, req.locale)["decisions"];
  return Response::json(200, http::page_in_order(req, all));
}

Response record_decision(const Meeting& m, const kit::ProjectScope& scope, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto decision = meeting_decision(m, input, scope.who());
  return Response::json(201, projects::ProjectStore(scope.sql(), scope.tenant_id())
                                 .record_decision(&scope.who(), m.project_id, decision));
}

Response project_calendar(db::Database& db, const Request& req) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  const auto& project = scope.project();
  auto list = MeetingStore(*sql, scope.tenant_id())
                  .of_project(project.id, req.query_param("series_id").value_or(""));
  return calendar(meetings_calendar(*sql, scope.tenant_id(), list, project.title, req.locale,
                                    req.who().tenant_time_zone),
                  project_filename(project.id));
}

Response meeting_calendar(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto [m, scope] = kit::load<Meeting, MeetingStore>(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  return calendar(meetings_calendar(*sql, scope.tenant_id(), {m}, m.title, req.locale,
                                    req.who().tenant_time_zone),
                  "fremdrift-meeting-" + m.id + ".ics");
}

Response deadlines(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto list = MeetingStore(*sql, req.who().tenant_id).deadlines_of(req.param("id"));
  return calendar(deadlines_calendar(list, web::t(req.locale, "deadlines_calendar"), req.locale),
                  "fremdrift-deadlines-" + req.param("id") + ".ics");
}

Response units(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(200, attendance_by_unit_json(*sql, req.who().tenant_id, req.param("id")));
}

kit::Resource<Meeting, MeetingStore> resource() {
  return {.plural = "meetings",
          .schema = "Meeting",
          .noun = "meeting",
          .fields = meeting_fields(),
          .list_in_order = meeting_list,
          .actions = {kit::read_action<Meeting>("attendance", "Who was invited and who came",
                                                "Attendee", attendance, true),
                      {.name = "attendance",
                       .summary = "Record attendance: the whole list of {person_id, status, "
                                  "substitute_name}",
                       .request_schema = "AttendanceInput",
                       .response_schema = "Meeting",
                       .run = record_attendance,
                       .method = "PUT"},
                      {.name = "invitations",
                       .summary = "Mail every person invited an invitation with the meeting as "
                                  "an .ics file (through the outbox; the answer lists who got "
                                  "one and who has no address)",
                       .response_schema = "Invitations",
                       .run = invite,
                       .success_status = 202},
                      kit::read_action<Meeting>("decisions", "Decisions taken at the meeting",
                                                "Decision", decisions, true),
                      {.name = "decisions",
                       .right = ProjectRight::kDecide,
                       .summary = "Record a decision taken at the meeting (goes into the project's "
                                  "decision log)",
                       .request_schema = "DecisionInput",
                       .response_schema = "Decision",
                       .run = record_decision,
                       .success_status = 201}},
          .detail = detail};
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  kit::add_api_routes(router, db, resource());
  register_schemas();  // after the kit's: the meeting as one is answered, with attendance
  const auto user = Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/projects/{id}/meetings.ics",
        user,
        project_calendar,
        {"All meetings of the project (or one series: ?series_id=) as iCalendar", "meetings", "",
         "", false, 200, kCalendarType}},
       {"GET",
        "/api/v1/projects/{id}/attendance-by-unit",
        user,
        units,
        {"Attendance per involved unit over time; flags units absent twice in a row", "meetings",
         "", "AttendanceByUnit"}},
       {"GET",
        "/api/v1/meetings/{id}.ics",
        user,
        meeting_calendar,
        {"The meeting as iCalendar (Outlook, Google Calendar)", "meetings", "", "", false, 200,
         kCalendarType}},
       {"GET",
        "/api/v1/people/{id}/deadlines.ics",
        user,
        deadlines,
        {"The person's checklist deadlines across projects, as all-day iCalendar events",
         "meetings", "", "", false, 200, kCalendarType}}});
}

}  // namespace meetings
