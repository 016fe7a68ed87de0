// Project roles and the steering-group coverage check, as API and form posts.
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/fields.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
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

const kit::Fields<RoleInput>& role_fields() {
  static const auto fields =
      kit::Fields<RoleInput>()
          .text("person_id", &RoleInput::person_id, {.required = true, .max = 64})
          .choice("role", &RoleInput::role, kRoles, {.required = true})
          .check([](const RoleInput& r, core::Input& input) {
            if (!r.person_id.empty() && !core::looks_like_id(r.person_id))
              input.fail("person_id", "is not a valid id");
          });
  return fields;
}

// Who may hand out roles at all is checked before the input is read; who may give this
// role to this person after.
template <typename Read>
json add_role(soci::session& sql, const Request& req, Read read) {
  require_role_granter(sql, req.who(), req.param("id"));
  core::Input input = read();
  auto r = role_fields().parse_new(input);
  require_grant(sql, req.who(), req.param("id"), r.person_id, r.role);
  return RoleStore(sql, req.who().tenant_id).add(&req.who(), req.param("id"), r.person_id, r.role);
}

// The role of the address, which must be one in project `project_id` when that is given.
void remove_role(soci::session& sql, const Request& req, const std::string& role_id,
                 const std::string& project_id = "") {
  RoleStore roles(sql, req.who().tenant_id);
  auto held = roles.get(role_id);
  if (!project_id.empty() && held.project_id != project_id)
    throw core::NotFound("no such role in this project");
  require_grant(sql, req.who(), held.project_id, "", held.role);
  roles.remove(&req.who(), role_id);
}

Response list_roles(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(
      200, http::page_in_order(req, RoleStore(*sql, req.who().tenant_id).list(req.param("id"))));
}

Response give_role(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(201,
                        add_role(*sql, req, [&] { return core::Input::from_json_body(req.body); }));
}

Response take_role(db::Database& db, const Request& req) {
  auto sql = db.lease();
  remove_role(*sql, req, req.param("id"));
  return Response::no_content();
}

Response coverage(db::Database& db, const Request& req) {
  auto sql = db.lease();
  json warnings = json::array();
  for (const auto& w : RoleStore(*sql, req.who().tenant_id).coverage(req.param("id")))
    warnings.push_back(to_json(w));
  return Response::json(200, {{"warnings", warnings}});
}

Response give_role_form(db::Database& db, const Request& req) {
  auto sql = db.lease();
  add_role(*sql, req, [&] { return core::Input::from_form(req.form()); });
  return Response::redirect("/projects/" + req.param("id") + "/roles?saved=1#roles");
}

Response take_role_form(db::Database& db, const Request& req) {
  auto sql = db.lease();
  require_role_granter(*sql, req.who(), req.param("id"));
  remove_role(*sql, req, req.param("role"), req.param("id"));
  return Response::redirect("/projects/" + req.param("id") + "/roles?saved=1#roles");
}

}  // namespace

void add_role_routes(http::Router& router, db::Database& db) {
  http::register_schema("ProjectRoleInput", role_fields().input_schema());
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

  const auto user = Access::kAuthenticated;
  kit::add_routes(router, db,
                  {{"GET",
                    "/api/v1/projects/{id}/roles",
                    user,
                    list_roles,
                    {"Who holds which role in the project", "projects", "", "ProjectRole", true}},
                   {"POST",
                    "/api/v1/projects/{id}/roles",
                    user,
                    give_role,
                    {"Give a person a role in the project", "projects", "ProjectRoleInput",
                     "ProjectRole", false, 201}},
                   {"DELETE",
                    "/api/v1/project-roles/{id}",
                    user,
                    take_role,
                    {"Take a role away", "projects", "", "", false, 204}},
                   {"GET",
                    "/api/v1/projects/{id}/coverage",
                    user,
                    coverage,
                    {"Steering-group coverage warnings (seed 000)", "projects", "", "Coverage"}}});
  kit::add_page_routes(
      router, db,
      {{"POST", "/projects/{id}/roles", give_role_form, "Add a role from the form"},
       {"POST", "/projects/{id}/roles/{role}/delete", take_role_form,
        "Remove a role from the form"}});
}

}  // namespace projects
