#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"

namespace accounts {

struct Account {
  std::string tenant_id;
  std::string id;
  std::string person_id;
  std::string email;
  std::string password_hash;
  std::string role;
  bool active = true;
};

struct NewUser {
  std::string email;
  std::string name;
  std::string password;
  std::string role = "member";
  std::optional<std::string> unit_id;
};

class AccountStore {
 public:
  explicit AccountStore(soci::session& sql) : sql_(sql) {}

  // Creates the person and the login in one transaction. Throws ValidationError
  // (email, name, password, role) or Conflict when the e-mail has an account.
  Account create_user(const std::string& tenant_id, const core::AuthContext* who,
                      const NewUser& user);
  std::optional<Account> find_by_email(const std::string& email);
  void set_password(const std::string& tenant_id, const core::AuthContext* who,
                    const std::string& account_id, const std::string& password);

  // The identity behind a session or API token hash; nullopt if expired/revoked.
  std::optional<core::AuthContext> by_session(const std::string& token_hash,
                                              const std::string& now);
  std::optional<core::AuthContext> by_api_token(const std::string& token_hash);
  std::optional<core::AuthContext> by_account(const std::string& tenant_id,
                                              const std::string& account_id);

 private:
  soci::session& sql_;
};

nlohmann::json me_json(const core::AuthContext& who);

}  // namespace accounts
