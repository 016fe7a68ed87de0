#include "accounts/login_hooks.hpp"

namespace accounts {
namespace {

LoginHooks& stored() {
  static LoginHooks hooks;
  return hooks;
}

}  // namespace

void set_login_hooks(LoginHooks hooks) { stored() = std::move(hooks); }
const LoginHooks& login_hooks() { return stored(); }

}  // namespace accounts
