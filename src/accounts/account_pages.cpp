#include <nlohmann/json.hpp>

#include "accounts/account_routes.hpp"
#include "accounts/account_store.hpp"
#include "accounts/login_hooks.hpp"
#include "accounts/password.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/error_mapping.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace accounts {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// Without a local `next`, login lands on the start page ("Mit overblik").
std::string safe_next(const std::string& next) {
  return core::is_local_path(next) ? next : "/overview";
}

Response login_page(db::Database& db, const Request& req, const std::string& email,
                    const std::string& next, const std::string& error, int status) {
  auto view = web::base_view(req);
  view["form"] = {{"email", email}, {"next", next}};
  if (!error.empty()) view["error"] = error;
  // A municipality's own login address (/login?tenant=slug) offers its identity providers.
  auto tenant = req.query_param("tenant");
  if (tenant && login_hooks().login_choices) {
    auto choices = login_hooks().login_choices(db, *tenant, req.locale);
    view["sso_choices"] = choices;
    view["has_sso"] = !choices.empty();
    // A refused password login comes back to the same address, buttons included.
    if (!choices.empty()) view["tenant"] = *tenant;
  }
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

Response show_login(db::Database& db, const Request& req) {
  if (req.auth) return Response::redirect("/overview");
  return login_page(db, req, "", req.query_param("next").value_or(""), "", 200);
}

Response log_in(db::Database& db, const Request& req) {
  auto form = req.form();
  const std::string email = form["email"];
  try {
    auto result = login(db, email, form["password"], req.remote_address);
    return Response::redirect(safe_next(form["next"]))
        .header("Set-Cookie", session_cookie(result.session.token, req.secure));
  } catch (const core::Error&) {
    auto info = http::classify(std::current_exception());
    auto r = login_page(
        db, req, email, form["next"],
        web::message_text(req.locale, info.message, info.key ? &*info.key : nullptr), info.status);
    if (info.retry_after > 0) r.header("Retry-After", std::to_string(info.retry_after));
    return r;
  }
}

Response log_out(db::Database& db, const Request& req) {
  std::string next = "/login";
  if (auto token = req.cookie(kSessionCookie)) {
    if (login_hooks().after_logout) next = login_hooks().after_logout(db, *token).value_or(next);
    auto sql = db.lease();
    SessionStore(*sql).end(*token);
  }
  return Response::redirect(next).header("Set-Cookie", expired_session_cookie(req.secure));
}

Response show_account(db::Database& db, const Request& req) {
  json extra = json::object();
  if (req.query_param("saved")) extra["saved"] = true;
  return account_page(db, req, extra);
}

Response change_password(db::Database& db, const Request& req) {
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
}

Response create_token(db::Database& db, const Request& req) {
  auto form = req.form();
  std::string name = form["name"];
  if (name.size() > 200) {
    return account_page(
        db, req,
        {{"errors", web::form_errors(req, {{"token_name", "must be at most 200 characters"}})}},
        422);
  }
  if (name.empty()) name = web::t(req.locale, "account.token_default_name");
  json created;
  {
    auto sql = db.lease();
    created = SessionStore(*sql).create_api_token(req.who(), name);
  }
  return account_page(db, req, {{"new_token", created}}, 201);
}

Response revoke_token(db::Database& db, const Request& req) {
  auto sql = db.lease();
  SessionStore(*sql).revoke_api_token(req.who(), req.param("id"));
  return Response::redirect("/account");
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  // The login form creates the session itself, so it needs no CSRF token.
  kit::add_routes(
      router, db,
      {{"POST", "/login", http::Access::kPublic, log_in, {"Log in from the form", "web"}, true}});
  kit::add_page_routes(
      router, db,
      {{"GET", "/login", show_login, "Login page", http::Access::kPublic},
       {"POST", "/logout", log_out, "Log out"},
       {"GET", "/account", show_account, "Your account: password and API tokens"},
       {"POST", "/account/password", change_password, "Change password from the form"},
       {"POST", "/account/tokens", create_token, "Create an API token from the form"},
       {"POST", "/account/tokens/{id}/revoke", revoke_token, "Revoke an API token from the form"}});
}

}  // namespace accounts
