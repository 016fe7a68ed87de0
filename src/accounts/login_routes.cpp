// Tenant administrators give people a login and change its role or lock it.
#include "accounts/account_routes.hpp"
#include "accounts/login_store.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "org/person_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace accounts {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

const std::vector<std::string> kRoles = {"member", "admin"};

json role_options(const Request& req, const std::string& selected) {
  json out = json::array();
  for (const auto& r : kRoles) {
    out.push_back(
        {{"value", r}, {"label", web::t(req.locale, "role." + r)}, {"selected", r == selected}});
  }
  return out;
}

Response login_admin_page(db::Database& db, const Request& req, json form, const json& errors,
                          int status) {
  const auto& tenant = req.who().tenant_id;
  auto view = web::base_view(req);
  {
    auto sql = db.lease();
    auto person = org::PersonStore(*sql, tenant).get(req.param("id"));
    view["person"] = org::to_json(person);
    if (auto login = LoginStore(*sql, tenant).for_person(person.id)) {
      view["login"] = to_json(*login);
      view["login"]["role_label"] = web::t(req.locale, "role." + login->role);
      view["is_self"] = login->id == req.who().account_id;
      if (!form.contains("role")) form["role"] = login->role;
      if (!form.contains("version")) form["version"] = std::to_string(login->version);
      if (!form.contains("active")) form["active"] = login->active;
    }
  }
  view["form"] = form;
  view["errors"] = errors;
  view["role_options"] = role_options(req, form.value("role", "member"));
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "accounts/login_admin", view, {"login_admin.title", "people", status});
}

// A login form's post; refused, the page again (what was typed only after a 422: after a
// 409 or 403 it shows the stored login).
template <typename Write>
Response login_form(db::Database& db, const Request& req, const json& typed, Write write) {
  return kit::form_post(req, write, [&](const kit::FormRefusal& refused) {
    return login_admin_page(db, req, refused.status == 422 ? typed : json::object(), refused.errors,
                            refused.status);
  });
}

// The person of the path in the caller's tenant, so another tenant's person is "not
// found" before anything about the body or the login is said.
void require_person(soci::session& sql, const Request& req) {
  org::PersonStore(sql, req.who().tenant_id).get(req.param("id"));
}

Response show_login(db::Database& db, const Request& req) {
  auto sql = db.lease();
  require_person(*sql, req);
  auto login = LoginStore(*sql, req.who().tenant_id).for_person(req.param("id"));
  if (!login) throw core::NotFound("this person has no login");
  return Response::json(200, to_json(*login));
}

Response create_login(db::Database& db, const Request& req) {
  auto sql = db.lease();
  require_person(*sql, req);
  auto input = core::Input::from_json_body(req.body);
  auto password = input.required_text("password", 1000);
  auto role = input.has("role") ? input.required_choice("role", kRoles) : "member";
  input.check();
  auto login =
      LoginStore(*sql, req.who().tenant_id).create(req.who(), req.param("id"), password, role);
  return Response::json(201, to_json(login));
}

Response update_login(db::Database& db, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto role = input.optional_choice("role", kRoles);
  auto active = input.optional_bool("active");
  input.check();
  long long version = http::required_version(req, input.raw());
  auto sql = db.lease();
  auto login = LoginStore(*sql, req.who().tenant_id)
                   .update(req.who(), req.param("id"), version, role, active);
  return Response::json(200, to_json(login));
}

Response login_admin(db::Database& db, const Request& req) {
  return login_admin_page(db, req, json::object(), json::object(), 200);
}

Response create_login_form(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = {{"role", form["role"]}};
  return login_form(db, req, typed, [&] {
    auto input = core::Input::from_form(form);
    auto password = input.required_text("password", 1000);
    auto role = input.required_choice("role", kRoles);
    input.check();
    auto sql = db.lease();
    LoginStore(*sql, req.who().tenant_id).create(req.who(), req.param("id"), password, role);
    return Response::redirect("/people/" + req.param("id") + "/login?saved=1");
  });
}

Response update_login_form(db::Database& db, const Request& req) {
  auto form = req.form();
  if (form.count("active") == 0) form["active"] = "off";
  json typed = {{"role", form["role"]}, {"active", form["active"] == "on"}};
  return login_form(db, req, typed, [&] {
    auto input = core::Input::from_form(form);
    auto role = input.required_choice("role", kRoles);
    auto active = input.optional_bool("active");
    auto version = input.optional_int("version", 1, 1LL << 40);
    if (!version) input.fail("version", "is required");
    input.check();
    auto sql = db.lease();
    LoginStore logins(*sql, req.who().tenant_id);
    auto login = logins.for_person(req.param("id"));
    if (!login) throw core::NotFound("this person has no login");
    logins.update(req.who(), login->id, *version, role, active);
    return Response::redirect("/people/" + req.param("id") + "/login?saved=1");
  });
}

}  // namespace

void add_login_routes(http::Router& router, db::Database& db) {
  http::register_schema("Login", login_fields().schema());
  http::register_schema(
      "LoginInput",
      {{"type", "object"},
       {"properties",
        {{"password", {{"type", "string"}, {"minLength", 12}, {"description", "on create only"}}},
         {"role", {{"enum", {"admin", "member"}}}},
         {"active", {{"type", "boolean"}}}}}});
  const auto admin = Access::kAdmin;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/people/{id}/login",
        admin,
        show_login,
        {"The person's login (administrators)", "logins", "", "Login"}},
       {"POST",
        "/api/v1/people/{id}/login",
        admin,
        create_login,
        {"Give the person a login with their e-mail (administrators)", "logins", "LoginInput",
         "Login", false, 201}},
       {"PATCH",
        "/api/v1/logins/{id}",
        admin,
        update_login,
        {"Change a login's role or lock it (administrators)", "logins", "LoginInput", "Login"}}});
  kit::add_page_routes(
      router, db,
      {{"GET", "/people/{id}/login", login_admin, "Login and role of a person", admin},
       {"POST", "/people/{id}/login", create_login_form, "Create a login from the form", admin},
       {"POST", "/people/{id}/login/update", update_login_form,
        "Change role or lock a login from the form", admin}});
}

}  // namespace accounts
