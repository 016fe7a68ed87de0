#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/ordered_list.hpp"
#include "http/paging.hpp"
#include "kit/routes.hpp"
#include "programmes/programme_routes.hpp"
#include "programmes/umbrella_store.hpp"

namespace programmes {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

void register_schemas() {
  json party = {{"type", "object"},
                {"properties", {{"id", {{"type", "string"}}}, {"name", {{"type", "string"}}}}}};
  http::register_schema("UmbrellaMembership",
                        {{"type", "object"},
                         {"properties",
                          {{"umbrella", party},
                           {"member", party},
                           {"joined_at", {{"type", "string"}, {"format", "date-time"}}},
                           {"joined_by", {{"type", {"string", "null"}}}}}}});
  http::register_schema("JoinInput", {{"type", "object"},
                                      {"required", {"join_code"}},
                                      {"properties", {{"join_code", {{"type", "string"}}}}}});
  http::register_schema(
      "JoinCode",
      {{"type", "object"},
       {"properties",
        {{"join_code",
          {{"type", "string"}, {"description", "shown only now; only its hash is stored"}}},
         {"created_at", {{"type", "string"}, {"format", "date-time"}}}}}});
  http::register_schema(
      "JoinCodeStatus",
      {{"type", "object"},
       {"properties",
        {{"active", {{"type", "boolean"}}}, {"created_at", {{"type", {"string", "null"}}}}}}});
}

json list(const Request& req, const std::vector<Membership>& memberships) {
  return http::page_in_order(req, http::json_items(memberships));
}

// DELETE <path> for administrators: `change` does it on the caller's umbrella store.
kit::Route removal(std::string path, std::string summary,
                   void (*change)(UmbrellaStore&, const Request&)) {
  return {"DELETE",
          std::move(path),
          Access::kAdmin,
          kit::with_store<UmbrellaStore>([change](UmbrellaStore& store, const Request& req) {
            change(store, req);
            return Response::no_content();
          }),
          {std::move(summary), "programmes", "", "", false, 204}};
}

Response joined(UmbrellaStore& store, const Request& req) {
  return Response::json(200, list(req, store.joined()));
}

Response join(UmbrellaStore& store, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto code = input.required_text("join_code", 100);
  input.check();
  return Response::json(201, to_json(store.join(&req.who(), code)));
}

Response members(UmbrellaStore& store, const Request& req) {
  return Response::json(200, list(req, store.members()));
}

Response join_code_status(UmbrellaStore& store, const Request&) {
  auto created = store.join_code_created_at();
  return Response::json(
      200, {{"active", created.has_value()}, {"created_at", created ? json(*created) : json()}});
}

Response new_join_code(UmbrellaStore& store, const Request& req) {
  auto code = store.new_join_code(&req.who());
  return Response::json(201, {{"join_code", code}, {"created_at", *store.join_code_created_at()}});
}

}  // namespace

void add_umbrella_routes(http::Router& router, db::Database& db) {
  register_schemas();
  using kit::with_store;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/umbrella-memberships",
        Access::kAuthenticated,
        with_store<UmbrellaStore>(joined),
        {"Umbrella organisations your organisation has joined", "programmes", "",
         "UmbrellaMembership", true}},
       {"POST",
        "/api/v1/umbrella-memberships",
        Access::kAdmin,
        with_store<UmbrellaStore>(join),
        {"Join an umbrella organisation with the join code its administrator gave you",
         "programmes", "JoinInput", "UmbrellaMembership", false, 201}},
       removal("/api/v1/umbrella-memberships/{umbrella_id}",
               "Leave an umbrella organisation (your projects leave its programmes)",
               [](UmbrellaStore& s, const Request& req) {
                 s.leave(&req.who(), req.param("umbrella_id"));
               }),
       {"GET",
        "/api/v1/umbrella/members",
        Access::kAuthenticated,
        with_store<UmbrellaStore>(members),
        {"Organisations that joined yours (an umbrella organisation)", "programmes", "",
         "UmbrellaMembership", true}},
       removal("/api/v1/umbrella/members/{tenant_id}",
               "Remove a member organisation (its projects leave your programmes)",
               [](UmbrellaStore& s, const Request& req) {
                 s.remove_member(&req.who(), req.param("tenant_id"));
               }),
       {"GET",
        "/api/v1/umbrella/join-code",
        Access::kAdmin,
        with_store<UmbrellaStore>(join_code_status),
        {"Whether a join code is live (the code itself was shown once)", "programmes", "",
         "JoinCodeStatus"}},
       {"POST",
        "/api/v1/umbrella/join-code",
        Access::kAdmin,
        with_store<UmbrellaStore>(new_join_code),
        {"Make a new join code for member organisations; the old one stops working", "programmes",
         "", "JoinCode", false, 201}},
       removal("/api/v1/umbrella/join-code", "Revoke the join code; members stay members",
               [](UmbrellaStore& s, const Request& req) { s.revoke_join_code(&req.who()); })});
}

}  // namespace programmes
