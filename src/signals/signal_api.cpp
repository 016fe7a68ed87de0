// Signals as JSON API: the resource on the kit, the holder's actions and the statistics.
#include <string>

#include "core/input.hpp"
#include "http/openapi.hpp"
#include "kit/routes.hpp"
#include "kit/tenant_resource.hpp"
#include "signals/signal_actions.hpp"
#include "signals/signal_routes.hpp"
#include "signals/signal_store.hpp"

namespace signals {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::vector<Signal> listed(SignalStore& store, const http::Page& page, const Request& req) {
  return store.of(req.who(), req.query_param("inbox").value_or("") == "1", filter_from(req), page);
}

Response act(db::Database& db, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto sql = db.lease();
  Signal s = run_action(*sql, req, req.param("id"), input);
  return Response::json(200, to_json(for_reader(s, req.who())));
}

Response signal_stats(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(200, stats_json(*sql, req));
}

void register_schemas() {
  http::register_schema(
      "SignalAction",
      {{"type", "object"},
       {"required", {"kind"}},
       {"properties",
        {{"kind", {{"enum", kActionKinds}}},
         {"text", {{"type", "string"}, {"description", "the answer, or a note to the step"}}},
         {"project_id", {{"type", "string"}, {"description", "to_project: the project"}}},
         {"as",
          {{"enum", {"card", "action"}},
           {"description", "to_project: a kaizen card (default) or an action-plan row"}}},
         {"title",
          {{"type", "string"},
           {"description", "start_arena: the arena's name; default the signal's"}}},
         {"goal",
          {{"type", "string"},
           {"description", "start_arena: the need it answers; default the signal's text"}}},
         {"leader_id", {{"type", "string"}, {"description", "start_arena: the process leader"}}},
         {"member_ids",
          {{"type", "array"},
           {"items", {{"type", "string"}}},
           {"description", "start_arena: the team, from several units"}}},
         {"starts_on",
          {{"type", "string"}, {"format", "date"}, {"description", "start_arena: default today"}}},
         {"ends_on",
          {{"type", "string"},
           {"format", "date"},
           {"description", "start_arena: the time box's end"}}}}}});
  http::register_schema("SignalEvent",
                        {{"type", "object"},
                         {"properties",
                          {{"id", {{"type", "string"}}},
                           {"kind",
                            {{"type", "string"},
                             {"description",
                              "created, status, answer, passed_up, to_project, start_arena, "
                              "arena_outcome, closed, escalated, reminder"}}},
                           {"actor_id", {{"type", {"string", "null"}}}},
                           {"manager_id", {{"type", {"string", "null"}}}},
                           {"text", {{"type", {"string", "null"}}}},
                           {"link", {{"type", {"string", "null"}}}},
                           {"created_at", {{"type", "string"}}}}}});
  json row = {{"type", "object"},
              {"properties",
               {{"unit_id", {{"type", "string"}}},
                {"unit_name", {{"type", "string"}}},
                {"month", {{"type", "string"}, {"description", "YYYY-MM the signals came in"}}},
                {"received", {{"type", "integer"}}},
                {"answered", {{"type", "integer"}}},
                {"mean_working_days_to_answer", {{"type", "number"}}},
                {"overdue", {{"type", "integer"}}}}}};
  json items = {{"type", "array"}, {"items", row}};
  http::register_schema("SignalStats", {{"type", "object"}, {"properties", {{"items", items}}}});
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_tenant_routes(
      router, db,
      kit::TenantResource<Signal, SignalStore>{
          .plural = "signals",
          .schema = "Signal",
          .noun = "signal",
          .fields = signal_fields(),
          .create_right = kit::TenantRight::kMember,
          .update_right = kit::TenantRight::kMember,
          .remove_right = kit::TenantRight::kAdmin,
          .may_change = [](const Signal& s, const core::AuthContext& who) { for_reader(s, who); },
          .etag = true,
          .summaries = {.list = "The signals you raised, or with ?inbox=1 those you hold "
                                "(?unit_id=, ?status=, ?older_than_days=)",
                        .create = "Raise a signal: it goes to your nearest manager",
                        .get = "Read a signal (its submitter, those who held it, "
                               "administrators)",
                        .update = "The submitter changes a new signal's text; the holder its "
                                  "status (in_progress, waiting)",
                        .remove = "Delete a signal (administrators)"},
          .list = listed,
          .for_reader = for_reader});
  kit::add_routes(
      router, db,
      {{"POST",
        "/api/v1/signals/{id}/actions",
        http::Access::kAuthenticated,
        act,
        {"The holder acts: answer, pass_up, to_project, start_arena (an agile arena with the "
         "signal's need; its outcome comes back to the submitter) or close",
         "signals", "SignalAction", "Signal"}},
       {"GET",
        "/api/v1/signals/{id}/history",
        http::Access::kAuthenticated,
        [](db::Database& db, const Request& req) {
          auto sql = db.lease();
          return Response::json(200, history_json(*sql, req, req.param("id")));
        },
        {"Every step of a signal", "signals", "", "SignalEvent", true}},
       {"GET",
        "/api/v1/signal-stats",
        http::Access::kAdmin,
        signal_stats,
        {"Per unit and month: signals received, answered, working days to the answer and "
         "overdue (administrators)",
         "signals", "", "SignalStats"}}});
}

}  // namespace signals
