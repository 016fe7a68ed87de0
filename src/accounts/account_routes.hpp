#pragma once

#include <optional>
#include <string>

#include "accounts/session_store.hpp"
#include "core/auth_context.hpp"
#include "db/database.hpp"
#include "http/router.hpp"

namespace accounts {

// The pipeline's authentication hook: a Bearer token, else the session cookie.
std::optional<core::AuthContext> authenticate(db::Database& db, const http::Request& req);

struct LoginResult {
  core::AuthContext who;
  NewSession session;
};

// Checks the rate limit, then the password. Throws TooManyRequests or
// Unauthorized("wrong e-mail or password") — never says which of the two was wrong.
LoginResult login(db::Database& db, const std::string& email, const std::string& password,
                  const std::string& address);

std::string session_cookie(const std::string& token, bool secure);
std::string expired_session_cookie(bool secure);

// /api/v1/session, /api/v1/me, /api/v1/me/password, /api/v1/tokens.
void add_api_routes(http::Router& router, db::Database& db);
// /api/v1/people/{id}/login, /api/v1/logins/{id} and /people/{id}/login (administrators).
void add_login_routes(http::Router& router, db::Database& db);
// /login, /logout, /account.
void add_pages(http::Router& router, db::Database& db);

}  // namespace accounts
