// Meetings, attendance, decisions at meetings and the iCalendar exports, as JSON API.
#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "meetings/meeting_routes.hpp"
#include "meetings/meeting_store.hpp"
#include "meetings/meeting_view.hpp"
#include "projects/project_access.hpp"
#include "projects/project_input.hpp"
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

void register_schemas() {
  json text = {{"type", "string"}};
  json nullable = {{"type", {"string", "null"}}};
  json agenda = {{"type", "array"}, {"items", text}, {"maxItems", kMaxAgendaItems}};
  json local = {{"type", "string"},
                {"description", "local wall time in the tenant's zone, e.g. 2026-04-14T09:00"}};
  json input = {
      {"type", "object"},
      {"required", {"kind", "title", "starts_at"}},
      {"properties",
       {{"kind", {{"enum", kKinds}}},
        {"title", {{"type", "string"}, {"maxLength", 200}}},
        {"starts_at", local},
        {"duration_minutes",
         {{"type", "integer"}, {"minimum", kMinDuration}, {"maximum", kMaxDuration}}},
        {"location", nullable},
        {"agenda", agenda},
        {"minutes", nullable},
        {"repeat",
         {{"type", "object"},
          {"description", "create a series at once, e.g. kaizen every 14 days, 6 times"},
          {"properties",
           {{"every_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxEveryDays}}},
            {"count", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxOccurrences}}}}}}}}}};
  http::register_schema("MeetingInput", input);
  json patch = input;
  patch.erase("required");
  patch["properties"].erase("repeat");
  patch["properties"]["version"] = {{"type", "integer"}};
  http::register_schema("MeetingPatch", patch);
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
  json meeting = input;
  meeting.erase("required");
  meeting["properties"].erase("repeat");
  for (const char* k : {"id", "project_id", "ends_at", "created_at", "updated_at"})
    meeting["properties"][k] = text;
  meeting["properties"]["series_id"] = nullable;
  meeting["properties"]["version"] = {{"type", "integer"}};
  meeting["properties"]["attendance_recorded"] = {{"type", "boolean"}};
  meeting["properties"]["attendance"] = {{"type", "array"},
                                         {"items", {{"$ref", "#/components/schemas/Attendee"}}}};
  meeting["properties"]["decisions"] = {{"type", "array"},
                                        {"items", {{"$ref", "#/components/schemas/Decision"}}}};
  meeting["properties"]["occurrences"] = {
      {"type", "array"},
      {"description", "on create: every meeting of the new series"},
      {"items", {{"type", "object"}}}};
  http::register_schema("Meeting", meeting);
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

// The meeting in the caller's tenant, and the right on its project; NotFound first.
Meeting load(soci::session& sql, const Request& req, ProjectRight right) {
  auto m = MeetingStore(sql, req.who().tenant_id).get(req.param("id"));
  projects::require_right(sql, req.who(), m.project_id, right);
  return m;
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

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  router.add({"GET",
              "/api/v1/projects/{id}/meetings",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                json items = json::array();
                for (const auto& m :
                     MeetingStore(*sql, req.who().tenant_id)
                         .of_project(req.param("id"), req.query_param("series_id").value_or("")))
                  items.push_back(to_json(m));
                return Response::json(200, http::page_in_order(req, items));
              },
              {"The project's meetings in time order (?series_id= for one series)", "meetings", "",
               "Meeting", true}});
  router.add({"POST",
              "/api/v1/projects/{id}/meetings",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
                auto input = core::Input::from_json_body(req.body);
                auto fields =
                    parse_meeting(input, true, core::time_zone(req.who().tenant_time_zone));
                auto repeat = parse_repeat(input);
                input.check();
                MeetingStore store(*sql, req.who().tenant_id);
                auto created = store.create(&req.who(), req.param("id"), fields, repeat);
                json body = meeting_detail(*sql, req.who().tenant_id, created.front());
                if (created.size() > 1) {
                  body["occurrences"] = json::array();
                  for (const auto& m : created)
                    body["occurrences"].push_back({{"id", m.id}, {"starts_at", m.starts_at}});
                }
                return Response::json(201, body).header("Location",
                                                        "/api/v1/meetings/" + created.front().id);
              },
              {"Plan a meeting, or a series with `repeat` (invites the role holders of the kind)",
               "meetings", "MeetingInput", "Meeting", false, 201}});
  router.add({"GET",
              "/api/v1/projects/{id}/meetings.ics",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto project =
                    projects::ProjectStore(*sql, req.who().tenant_id).get(req.param("id"));
                auto list = MeetingStore(*sql, req.who().tenant_id)
                                .of_project(project.id, req.query_param("series_id").value_or(""));
                return calendar(
                    meetings_calendar(list, project.title, req.locale, req.who().tenant_time_zone),
                    project_filename(project.id));
              },
              {"All meetings of the project (or one series: ?series_id=) as iCalendar", "meetings",
               "", "", false, 200, kCalendarType}});
  router.add({"GET",
              "/api/v1/projects/{id}/attendance-by-unit",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                return Response::json(
                    200, attendance_by_unit_json(*sql, req.who().tenant_id, req.param("id")));
              },
              {"Attendance per involved unit over time; flags units absent twice in a row",
               "meetings", "", "AttendanceByUnit"}});
  router.add({"GET",
              "/api/v1/meetings/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = load(*sql, req, ProjectRight::kRead);
                return Response::json(200, meeting_detail(*sql, req.who().tenant_id, m));
              },
              {"A meeting with its attendance and decisions", "meetings", "", "Meeting"}});
  router.add(
      {"PATCH",
       "/api/v1/meetings/{id}",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto m = load(*sql, req, ProjectRight::kEdit);
         auto input = core::Input::from_json_body(req.body);
         auto fields = parse_meeting(input, false, core::time_zone(req.who().tenant_time_zone));
         input.check();
         long long version = http::required_version(req, input.raw());
         auto after =
             MeetingStore(*sql, req.who().tenant_id).update(&req.who(), m.id, version, fields);
         return Response::json(200, meeting_detail(*sql, req.who().tenant_id, after));
       },
       {"Change a meeting: time, agenda, minutes (needs the current version)", "meetings",
        "MeetingPatch", "Meeting"}});
  router.add(
      {"DELETE",
       "/api/v1/meetings/{id}",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto m = load(*sql, req, ProjectRight::kEdit);
         MeetingStore(*sql, req.who().tenant_id).remove(&req.who(), m.id);
         return Response::no_content();
       },
       {"Cancel a meeting (not once decisions were taken at it)", "meetings", "", "", false, 204}});
  router.add({"GET",
              "/api/v1/meetings/{id}.ics",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = load(*sql, req, ProjectRight::kRead);
                return calendar(
                    meetings_calendar({m}, m.title, req.locale, req.who().tenant_time_zone),
                    "fremdrift-meeting-" + m.id + ".ics");
              },
              {"The meeting as iCalendar (Outlook, Google Calendar)", "meetings", "", "", false,
               200, kCalendarType}});
  router.add({"GET",
              "/api/v1/meetings/{id}/attendance",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = load(*sql, req, ProjectRight::kRead);
                json items = json::array();
                for (const auto& a : MeetingStore(*sql, req.who().tenant_id).attendance(m.id))
                  items.push_back(to_json(a));
                return Response::json(200, http::page_in_order(req, items));
              },
              {"Who was invited and who came", "meetings", "", "Attendee", true}});
  router.add({"PUT",
              "/api/v1/meetings/{id}/attendance",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = load(*sql, req, ProjectRight::kEdit);
                auto entries = parse_attendance(attendance_list(req.body));
                MeetingStore store(*sql, req.who().tenant_id);
                store.set_attendance(&req.who(), m.id, entries);
                return Response::json(200,
                                      meeting_detail(*sql, req.who().tenant_id, store.get(m.id)));
              },
              {"Record attendance: the whole list of {person_id, status, substitute_name}",
               "meetings", "AttendanceInput", "Meeting"}});
  router.add({"GET",
              "/api/v1/meetings/{id}/decisions",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto m = load(*sql, req, ProjectRight::kRead);
                auto detail = meeting_detail(*sql, req.who().tenant_id, m);
                return Response::json(200, http::page_in_order(req, detail["decisions"]));
              },
              {"Decisions taken at the meeting", "meetings", "", "Decision", true}});
  router.add(
      {"POST",
       "/api/v1/meetings/{id}/decisions",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto m = load(*sql, req, ProjectRight::kDecide);
         auto input = core::Input::from_json_body(req.body);
         bool dated = input.raw().contains("decided_on") && input.raw()["decided_on"].is_string() &&
                      !input.raw()["decided_on"].get<std::string>().empty();
         auto decision = projects::parse_gate_decision(input, req.who(), false);
         input.check();
         if (!dated) decision.decided_on = m.starts_at.substr(0, 10);
         decision.meeting_id = m.id;
         return Response::json(201, projects::ProjectStore(*sql, req.who().tenant_id)
                                        .record_decision(&req.who(), m.project_id, decision));
       },
       {"Record a decision taken at the meeting (goes into the project's decision log)", "meetings",
        "DecisionInput", "Decision", false, 201}});
  router.add(
      {"GET",
       "/api/v1/people/{id}/deadlines.ics",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         auto deadlines = MeetingStore(*sql, req.who().tenant_id).deadlines_of(req.param("id"));
         return calendar(
             deadlines_calendar(deadlines, web::t(req.locale, "deadlines_calendar"), req.locale),
             "fremdrift-deadlines-" + req.param("id") + ".ics");
       },
       {"The person's checklist deadlines across projects, as all-day iCalendar events", "meetings",
        "", "", false, 200, kCalendarType}});
}

}  // namespace meetings
