#include "accounts/account_routes.hpp"

#include <algorithm>

#include "accounts/account_store.hpp"
#include "accounts/login_limiter.hpp"
#include "accounts/password.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/routes.hpp"

namespace accounts {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::optional<core::AuthContext> authenticate(db::Database& db, const Request& req) {
  if (auto header = req.header("authorization")) {
    if (header->rfind("Bearer ", 0) != 0) return std::nullopt;
    auto sql = db.lease();
    return SessionStore(*sql).resolve_api_token(header->substr(7));
  }
  if (auto token = req.cookie(kSessionCookie)) {
    auto sql = db.lease();
    return SessionStore(*sql).resolve(*token);
  }
  return std::nullopt;
}

LoginResult login(db::Database& db, const std::string& raw_email, const std::string& password,
                  const std::string& address) {
  std::string email = raw_email;
  std::transform(email.begin(), email.end(), email.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  auto sql = db.lease();
  LoginLimiter limiter(*sql);
  limiter.claim(email, address);
  auto account = AccountStore(*sql).find_by_email(email);
  // Hash even when the account is unknown, so timing does not reveal which e-mails exist.
  static const std::string kDummyHash = hash_password("not-a-real-password-0");
  bool ok = verify_password(account ? account->password_hash : kDummyHash, password) && account &&
            account->active;
  if (!ok) throw core::Unauthorized("wrong e-mail or password");
  limiter.succeeded(email, address);
  auto session = SessionStore(*sql).start(account->tenant_id, account->id);
  auto who = AccountStore(*sql).by_account(account->tenant_id, account->id);
  if (!who) throw core::Unauthorized("wrong e-mail or password");
  who->csrf_token = session.csrf_token;
  return {*who, session};
}

std::string session_cookie(const std::string& token, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(kSessionSeconds) +
         (secure ? "; Secure" : "");
}

std::string expired_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (secure ? "; Secure" : "");
}

namespace {

void register_schemas() {
  http::register_schema(
      "Login",
      {{"type", "object"},
       {"required", {"email", "password"}},
       {"properties", {{"email", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}});
  http::register_schema("Me", {{"type", "object"},
                               {"properties",
                                {{"account_id", {{"type", "string"}}},
                                 {"person_id", {{"type", "string"}}},
                                 {"name", {{"type", "string"}}},
                                 {"email", {{"type", "string"}}},
                                 {"role", {{"enum", {"admin", "member"}}}},
                                 {"locale", {{"type", "string"}}},
                                 {"tenant", {{"type", "object"}}},
                                 {"csrf_token", {{"type", {"string", "null"}}}}}}});
  http::register_schema("PasswordChange",
                        {{"type", "object"},
                         {"required", {"current_password", "new_password"}},
                         {"properties",
                          {{"current_password", {{"type", "string"}}},
                           {"new_password", {{"type", "string"}, {"minLength", 12}}}}}});
  http::register_schema(
      "TokenInput",
      {{"type", "object"}, {"properties", {{"name", {{"type", "string"}, {"maxLength", 200}}}}}});
  http::register_schema(
      "Token", {{"type", "object"},
                {"properties",
                 {{"id", {{"type", "string"}}},
                  {"name", {{"type", "string"}}},
                  {"token", {{"type", "string"}, {"description", "only in the response to POST"}}},
                  {"created_at", {{"type", "string"}}},
                  {"last_used_at", {{"type", {"string", "null"}}}}}}});
}

Response start_session(db::Database& db, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto email = input.required_text("email", core::kEmailMax);
  auto password = input.required_text("password", 1000);
  input.check();
  auto result = login(db, email, password, req.remote_address);
  return Response::json(200, me_json(result.who))
      .header("Set-Cookie", session_cookie(result.session.token, req.secure));
}

Response end_session(db::Database& db, const Request& req) {
  if (auto token = req.cookie(kSessionCookie)) {
    auto sql = db.lease();
    SessionStore(*sql).end(*token);
  }
  return Response::no_content().header("Set-Cookie", expired_session_cookie(req.secure));
}

Response show_me(db::Database& /*db*/, const Request& req) {
  return Response::json(200, me_json(req.who()));
}

Response change_password(db::Database& db, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto current = input.required_text("current_password", 1000);
  auto fresh = input.required_text("new_password", 1000);
  if (auto p = password_problem(fresh, {req.who().email, req.who().name}); !p.empty() && input.ok())
    input.fail("new_password", p);
  input.check();
  const auto& who = req.who();
  auto sql = db.lease();
  AccountStore accounts(*sql);
  auto account = accounts.find_by_email(who.email);
  if (!account || !verify_password(account->password_hash, current)) {
    throw core::ValidationError("current_password", "is not your current password");
  }
  accounts.set_password(who.tenant_id, &who, who.account_id, fresh);
  // Other sessions ended; this one continues with a fresh cookie.
  auto session = SessionStore(*sql).start(who.tenant_id, who.account_id);
  return Response::json(200, {{"csrf_token", session.csrf_token}})
      .header("Set-Cookie", session_cookie(session.token, req.secure));
}

Response list_tokens(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(200,
                        http::page_in_order(req, SessionStore(*sql).list_api_tokens(req.who())));
}

Response create_token(db::Database& db, const Request& req) {
  auto input =
      req.body.empty() ? core::Input(json::object()) : core::Input::from_json_body(req.body);
  auto name = input.optional_text("name", core::kNameMax).value_or("");
  input.check();
  if (name.empty()) name = "API token";
  auto sql = db.lease();
  return Response::json(201, SessionStore(*sql).create_api_token(req.who(), name));
}

Response revoke_token(db::Database& db, const Request& req) {
  auto sql = db.lease();
  SessionStore(*sql).revoke_api_token(req.who(), req.param("id"));
  return Response::no_content();
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  const auto user = Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"POST",
        "/api/v1/session",
        Access::kPublic,
        start_session,
        {"Log in; sets the session cookie and returns the CSRF token", "session", "Login", "Me"},
        true},
       {"DELETE", "/api/v1/session", user, end_session, {"Log out", "session", "", "", false, 204}},
       {"GET",
        "/api/v1/me",
        user,
        show_me,
        {"Who am I (includes the CSRF token for cookie sessions)", "session", "", "Me"}},
       {"POST",
        "/api/v1/me/password",
        user,
        change_password,
        {"Change your password (ends your other sessions)", "session", "PasswordChange"}},
       {"GET",
        "/api/v1/tokens",
        user,
        list_tokens,
        {"Your personal API tokens (without the secret)", "session", "", "Token", true}},
       {"POST",
        "/api/v1/tokens",
        user,
        create_token,
        {"Create a personal API token; the secret is shown only in this response", "session",
         "TokenInput", "Token", false, 201}},
       {"DELETE",
        "/api/v1/tokens/{id}",
        user,
        revoke_token,
        {"Revoke one of your API tokens", "session", "", "", false, 204}}});
}

}  // namespace accounts
