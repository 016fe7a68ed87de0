#pragma once

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "db/database.hpp"

namespace accounts {

// What other ways of signing in (single sign-on, D47) add to the login page and the logout,
// set once at start-up; accounts knows nothing of them.
//   login_choices: for the login page's `?tenant=` slug, the buttons [{label, href}].
//   after_logout:  before the session of `token` ends, where the browser goes next instead of
//                  /login (the identity provider's logout), or nullopt.
struct LoginHooks {
  std::function<nlohmann::json(db::Database&, const std::string& tenant_slug,
                               const std::string& locale)>
      login_choices;
  std::function<std::optional<std::string>(db::Database&, const std::string& token)> after_logout;
};

void set_login_hooks(LoginHooks hooks);
const LoginHooks& login_hooks();

}  // namespace accounts
