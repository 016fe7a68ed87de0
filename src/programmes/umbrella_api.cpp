#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
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
  json items = json::array();
  for (const auto& m : memberships) items.push_back(to_json(m));
  return http::page_in_order(req, std::move(items));
}

// DELETE <path> for administrators: `change` does it on the caller's umbrella store.
void add_removal(http::Router& router, db::Database& db, const std::string& path,
                 const std::string& summary, void (*change)(UmbrellaStore&, const Request&)) {
  router.add({"DELETE",
              path,
              Access::kAdmin,
              [&db, change](Request& req) {
                auto sql = db.lease();
                UmbrellaStore store(*sql, req.who().tenant_id);
                change(store, req);
                return Response::no_content();
              },
              {summary, "programmes", "", "", false, 204}});
}

}  // namespace

void add_umbrella_routes(http::Router& router, db::Database& db) {
  register_schemas();
  router.add({"GET",
              "/api/v1/umbrella-memberships",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                return Response::json(200,
                                      list(req, UmbrellaStore(*sql, req.who().tenant_id).joined()));
              },
              {"Umbrella organisations your organisation has joined", "programmes", "",
               "UmbrellaMembership", true}});
  router.add({"POST",
              "/api/v1/umbrella-memberships",
              Access::kAdmin,
              [&db](Request& req) {
                auto input = core::Input::from_json_body(req.body);
                auto code = input.required_text("join_code", 100);
                input.check();
                auto sql = db.lease();
                auto m = UmbrellaStore(*sql, req.who().tenant_id).join(&req.who(), code);
                return Response::json(201, to_json(m));
              },
              {"Join an umbrella organisation with the join code its administrator gave you",
               "programmes", "JoinInput", "UmbrellaMembership", false, 201}});
  add_removal(
      router, db, "/api/v1/umbrella-memberships/{umbrella_id}",
      "Leave an umbrella organisation (your projects leave its programmes)",
      [](UmbrellaStore& s, const Request& req) { s.leave(&req.who(), req.param("umbrella_id")); });
  router.add({"GET",
              "/api/v1/umbrella/members",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                return Response::json(
                    200, list(req, UmbrellaStore(*sql, req.who().tenant_id).members()));
              },
              {"Organisations that joined yours (an umbrella organisation)", "programmes", "",
               "UmbrellaMembership", true}});
  add_removal(router, db, "/api/v1/umbrella/members/{tenant_id}",
              "Remove a member organisation (its projects leave your programmes)",
              [](UmbrellaStore& s, const Request& req) {
                s.remove_member(&req.who(), req.param("tenant_id"));
              });
  router.add({"GET",
              "/api/v1/umbrella/join-code",
              Access::kAdmin,
              [&db](Request& req) {
                auto sql = db.lease();
                auto created = UmbrellaStore(*sql, req.who().tenant_id).join_code_created_at();
                return Response::json(200, {{"active", created.has_value()},
                                            {"created_at", created ? json(*created) : json()}});
              },
              {"Whether a join code is live (the code itself was shown once)", "programmes", "",
               "JoinCodeStatus"}});
  router.add({"POST",
              "/api/v1/umbrella/join-code",
              Access::kAdmin,
              [&db](Request& req) {
                auto sql = db.lease();
                UmbrellaStore store(*sql, req.who().tenant_id);
                auto code = store.new_join_code(&req.who());
                return Response::json(
                    201, {{"join_code", code}, {"created_at", *store.join_code_created_at()}});
              },
              {"Make a new join code for member organisations; the old one stops working",
               "programmes", "", "JoinCode", false, 201}});
  add_removal(router, db, "/api/v1/umbrella/join-code",
              "Revoke the join code; members stay members",
              [](UmbrellaStore& s, const Request& req) { s.revoke_join_code(&req.who()); });
}

}  // namespace programmes
