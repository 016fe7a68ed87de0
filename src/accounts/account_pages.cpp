#include <nlohmann/json.hpp>

#include "accounts/account_routes.hpp"
#include "accounts/account_store.hpp"
#include "accounts/password.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/error_mapping.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace accounts {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::string safe_next(const std::string& next) { return core::is_local_path(next) ? next : "/org"; }

Response login_page(const Request& req, const std::string& email, const std::string& next,
                    const std::string& error, int status) {
  auto view = web::base_view(req);
  view["form"] = {{"email", email}, {"next", next}};
  if (!error.empty()) view["error"] = error;
  return web::page(req, "accounts/login", view, {"login.title", "", status});
}

Response account_page(db::Database& db, const Request& req, json extra, int status = 200) {
  auto view = web::base_view(req);
  {
    auto sql = db.lease();
    view["tokens"] = SessionStore(*sql).list_api_tokens(req.who());
  }
  view["has_tokens"] = !view["tokens"].empty();
  for (auto it = extra.begin(); it != extra.end(); ++it) view[it.key()] = it.value();
  return web::page(req, "accounts/account", view, {"account.title", "account", status});
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  router.add({"GET",
              "/login",
              Access::kPublic,
              [](Request& req) {
                if (req.auth) return Response::redirect("/org");
                return login_page(req, "", req.query_param("next").value_or(""), "", 200);
              },
              {"Login page", "web"}});
  router.add({"POST",
              "/login",
              Access::kPublic,
              [&db](Request& req) {
                auto form = req.form();
                const std::string email = form["email"];
                try {
                  auto result = login(db, email, form["password"], req.remote_address);
                  return Response::redirect(safe_next(form["next"]))
                      .header("Set-Cookie", session_cookie(result.session.token, req.secure));
                } catch (const core::Error&) {
                  auto info = http::classify(std::current_exception());
                  auto r =
                      login_page(req, email, form["next"],
                                 web::translate_message(req.locale, info.message), info.status);
                  if (info.retry_after > 0)
                    r.header("Retry-After", std::to_string(info.retry_after));
                  return r;
                }
              },
              {"Log in from the form", "web"},
              true});
  router.add({"POST",
              "/logout",
              Access::kAuthenticated,
              [&db](Request& req) {
                if (auto token = req.cookie(kSessionCookie)) {
                  auto sql = db.lease();
                  SessionStore(*sql).end(*token);
                }
                return Response::redirect("/login").header("Set-Cookie",
                                                           expired_session_cookie(req.secure));
              },
              {"Log out", "web"}});
  router.add({"GET",
              "/account",
              Access::kAuthenticated,
              [&db](Request& req) {
                json extra = json::object();
                if (req.query_param("saved")) extra["saved"] = true;
                return account_page(db, req, extra);
              },
              {"Your account: password and API tokens", "web"}});
  router.add(
      {"POST",
       "/account/password",
       Access::kAuthenticated,
       [&db](Request& req) {
         auto form = req.form();
         const auto& who = req.who();
         std::map<std::string, std::string> errors;
         auto sql = db.lease();
         AccountStore accounts(*sql);
         auto account = accounts.find_by_email(who.email);
         if (!account || !verify_password(account->password_hash, form["current_password"])) {
           errors["current_password"] = "is not your current password";
         }
         if (auto p = password_problem(form["new_password"], {who.email, who.name}); !p.empty()) {
           errors["new_password"] = p;
         } else if (form["new_password"] != form["confirm_password"]) {
           errors["confirm_password"] = "does not match the new password";
         }
         if (!errors.empty()) {
           return account_page(db, req, {{"errors", web::form_errors(req, errors)}}, 422);
         }
         accounts.set_password(who.tenant_id, &who, who.account_id, form["new_password"]);
         auto session = SessionStore(*sql).start(who.tenant_id, who.account_id);
         return Response::redirect("/account?saved=1")
             .header("Set-Cookie", session_cookie(session.token, req.secure));
       },
       {"Change password from the form", "web"}});
  router.add({"POST",
              "/account/tokens",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto form = req.form();
                std::string name = form["name"];
                if (name.size() > 200) {
                  return account_page(
                      db, req,
                      {{"errors",
                        web::form_errors(req, {{"token_name", "must be at most 200 characters"}})}},
                      422);
                }
                if (name.empty()) name = web::t(req.locale, "account.token_default_name");
                json created;
                {
                  auto sql = db.lease();
                  created = SessionStore(*sql).create_api_token(req.who(), name);
                }
                return account_page(db, req, {{"new_token", created}}, 201);
              },
              {"Create an API token from the form", "web"}});
  router.add({"POST",
              "/account/tokens/{id}/revoke",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                SessionStore(*sql).revoke_api_token(req.who(), req.param("id"));
                return Response::redirect("/account");
              },
              {"Revoke an API token from the form", "web"}});
}

}  // namespace accounts
