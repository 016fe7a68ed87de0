#pragma once

#include <string>

#include "core/time.hpp"

namespace core {

// Who is calling, resolved from the session cookie or bearer token — never from
// the request body. Every store call takes the tenant from here.
struct AuthContext {
  std::string tenant_id;
  std::string tenant_slug;
  std::string tenant_name;
  std::string tenant_locale;
  std::string tenant_time_zone = "Europe/Copenhagen";  // "today" and local times follow it
  std::string account_id;
  std::string person_id;
  std::string name;
  std::string email;
  std::string role;  // "admin" | "member"
  std::string person_locale;
  std::string csrf_token;  // empty for bearer tokens
  bool via_token = false;
  std::string token_id;             // set when via_token
  std::string token_last_used_at;   // when via_token; empty if never used
  std::string session_expires_at;   // when via a session cookie
  long long identity_version = -1;  // the tenant's, when this identity was read

  bool is_admin() const { return role == "admin"; }
  // The tenant's wall clock: "YYYY-MM-DD" today and "YYYY-MM-DDTHH:MM" now.
  std::string today() const { return local_today(tenant_time_zone); }
  std::string local_now() const { return core::local_now(tenant_time_zone); }
};

}  // namespace core
