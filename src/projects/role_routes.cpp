// Project roles and the steering-group coverage check, as API and form posts.
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "projects/project_access.hpp"
#include "projects/project_routes.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"

namespace projects {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

struct RoleInput {
  std::string person_id;
  std::string role;
};

RoleInput parse_role(core::Input& input) {
  RoleInput r;
  r.person_id = input.required_text("person_id", 64);
  if (!r.person_id.empty() && !core::looks_like_id(r.person_id))
    input.fail("person_id", "is not a valid id");
  r.role = input.required_choice("role", kRoles);
  return r;
}

}  // namespace

void add_role_routes(http::Router& router, db::Database& db) {
  http::register_schema(
      "ProjectRoleInput",
      {{"type", "object"},
       {"required", {"person_id", "role"}},
       {"properties", {{"person_id", {{"type", "string"}}}, {"role", {{"enum", kRoles}}}}}});
  http::register_schema("ProjectRole", {{"type", "object"},
                                        {"properties",
                                         {{"id", {{"type", "string"}}},
                                          {"person_id", {{"type", "string"}}},
                                          {"person_name", {{"type", "string"}}},
                                          {"role", {{"enum", kRoles}}},
                                          {"created_at", {{"type", "string"}}}}}});
  http::register_schema("Coverage",
                        {{"type", "object"},
                         {"properties",
                          {{"warnings",
                            {{"type", "array"},
                             {"items",
                              {{"type", "object"},
                               {"properties",
                                {{"code",
                                  {{"enum",
                                    {"unit_without_manager", "manager_not_in_steering_group",
                                     "facilitator_from_involved_unit"}}}},
                                 {"subject_id", {{"type", "string"}}},
                                 {"message", {{"type", "string"}}}}}}}}}}}});

  router.add({"GET",
              "/api/v1/projects/{id}/roles",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                return Response::json(
                    200, http::page_in_order(
                             req, RoleStore(*sql, req.who().tenant_id).list(req.param("id"))));
              },
              {"Who holds which role in the project", "projects", "", "ProjectRole", true}});
  router.add({"POST",
              "/api/v1/projects/{id}/roles",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                require_role_granter(*sql, req.who(), req.param("id"));
                auto input = core::Input::from_json_body(req.body);
                auto r = parse_role(input);
                input.check();
                require_grant(*sql, req.who(), req.param("id"), r.person_id, r.role);
                return Response::json(201,
                                      RoleStore(*sql, req.who().tenant_id)
                                          .add(&req.who(), req.param("id"), r.person_id, r.role));
              },
              {"Give a person a role in the project", "projects", "ProjectRoleInput", "ProjectRole",
               false, 201}});
  router.add({"DELETE",
              "/api/v1/project-roles/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                RoleStore roles(*sql, req.who().tenant_id);
                auto held = roles.get(req.param("id"));
                require_grant(*sql, req.who(), held.project_id, "", held.role);
                roles.remove(&req.who(), req.param("id"));
                return Response::no_content();
              },
              {"Take a role away", "projects", "", "", false, 204}});
  router.add({"GET",
              "/api/v1/projects/{id}/coverage",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                json warnings = json::array();
                for (const auto& w : RoleStore(*sql, req.who().tenant_id).coverage(req.param("id")))
                  warnings.push_back(to_json(w));
                return Response::json(200, {{"warnings", warnings}});
              },
              {"Steering-group coverage warnings (seed 000)", "projects", "", "Coverage"}});

  router.add(
      {"POST",
       "/projects/{id}/roles",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto sql = db.lease();
         require_role_granter(*sql, req.who(), req.param("id"));
         auto input = core::Input::from_form(req.form());
         auto r = parse_role(input);
         input.check();
         require_grant(*sql, req.who(), req.param("id"), r.person_id, r.role);
         RoleStore(*sql, req.who().tenant_id).add(&req.who(), req.param("id"), r.person_id, r.role);
         return Response::redirect("/projects/" + req.param("id") + "?saved=1#roles");
       },
       {"Add a role from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/roles/{role}/delete",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                require_role_granter(*sql, req.who(), req.param("id"));
                RoleStore roles(*sql, req.who().tenant_id);
                auto held = roles.get(req.param("role"));
                if (held.project_id != req.param("id"))
                  throw core::NotFound("no such role in this project");
                require_grant(*sql, req.who(), held.project_id, "", held.role);
                roles.remove(&req.who(), req.param("role"));
                return Response::redirect("/projects/" + req.param("id") + "?saved=1#roles");
              },
              {"Remove a role from the form", "web"}});
}

}  // namespace projects
