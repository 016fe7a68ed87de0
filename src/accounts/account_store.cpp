#include "accounts/account_store.hpp"

#include <string_view>

#include "accounts/password.hpp"
#include "accounts/session_store.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "core/ids.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "db/identity_version.hpp"
#include "db/query.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "org/org.hpp"
#include "org/person_store.hpp"

namespace accounts {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO accounts (tenant_id, id, person_id, email, password_hash, role, active, version, "
    "created_at, updated_at) VALUES (:tenant_id, :id, :person_id, :email, :hash, :role, 1, 1, "
    ":created_at, :updated_at)";

constexpr std::string_view kByEmail =
    "SELECT tenant_id, id, person_id, email, password_hash, role, active FROM accounts "
    "WHERE email = :email";

constexpr std::string_view kSetPassword =
    "UPDATE accounts SET password_hash = :hash, version = version + 1, updated_at = :now "
    "WHERE tenant_id = :tenant_id AND id = :id";

// One identity query shape for sessions, tokens and plain account lookups.
constexpr std::string_view kIdentityColumns =
    "SELECT a.tenant_id AS tenant_id, t.slug AS tenant_slug, t.name AS tenant_name, "
    "t.default_locale AS tenant_locale, t.time_zone AS tenant_time_zone, a.id AS account_id, "
    "a.person_id AS person_id, "
    "p.name AS person_name, a.email AS email, a.role AS role, p.locale AS person_locale, "
    "t.auth_version AS identity_version";
constexpr std::string_view kIdentityJoins =
    " JOIN accounts a ON a.tenant_id = x.tenant_id AND a.id = x.account_id"
    " JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id"
    " JOIN tenants t ON t.id = a.tenant_id";

core::AuthContext identity_from_row(const db::Row& r) {
  core::AuthContext who;
  who.tenant_id = db::text(r, "tenant_id");
  who.tenant_slug = db::text(r, "tenant_slug");
  who.tenant_name = db::text(r, "tenant_name");
  who.tenant_locale = db::text(r, "tenant_locale");
  who.tenant_time_zone = db::text(r, "tenant_time_zone");
  who.account_id = db::text(r, "account_id");
  who.person_id = db::text(r, "person_id");
  who.name = db::text(r, "person_name");
  who.email = db::text(r, "email");
  who.role = db::text(r, "role");
  who.person_locale = db::text(r, "person_locale");
  who.identity_version = db::integer(r, "identity_version");
  return who;
}

// The identity of the account `x` names (x has tenant_id and account_id), with `extra`
// columns of x, for the rows `where` keeps.
std::string identity_query(std::string_view extra, std::string_view from, std::string_view where) {
  return std::string(kIdentityColumns)
      .append(extra)
      .append(" FROM ")
      .append(from)
      .append(kIdentityJoins)
      .append(" WHERE ")
      .append(where);
}

const std::string kSessionQuery =
    identity_query(", x.csrf_token AS csrf_token, x.expires_at AS expires_at", "sessions x",
                   "x.token_hash = :hash AND x.expires_at > :now AND a.active = 1");
const std::string kTokenQuery =
    identity_query(", x.id AS token_id, x.last_used_at AS last_used_at", "api_tokens x",
                   "x.token_hash = :hash AND x.revoked_at IS NULL AND a.active = 1");
const std::string kAccountQuery =
    identity_query("", "(SELECT tenant_id, id AS account_id FROM accounts) x",
                   "x.tenant_id = :tenant_id AND x.account_id = :id");

}  // namespace

Account AccountStore::create_user(const std::string& tenant_id, const core::AuthContext* who,
                                  const NewUser& user) {
  core::FieldErrors errors;
  if (!core::is_valid_email(user.email)) errors.add("email", core::Message{"err.email"});
  if (user.name.empty() || user.name.size() > core::kNameMax)
    errors.add("name", core::Message{"err.length_between", {{"min", 1}, {"max", core::kNameMax}}});
  if (auto p = password_problem(user.password, {user.email, user.name}); !p.empty())
    errors.add("password", p);
  if (user.role != "admin" && user.role != "member") errors.add("role", "must be admin or member");
  errors.check();

  std::string email = user.email;
  for (auto& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  db::WriteTx tx(sql_);
  if (find_by_email(email)) {
    throw core::Conflict("an account with this e-mail already exists", nullptr, "email_taken");
  }
  org::PersonFields person;
  person.name = user.name;
  person.email = std::optional<std::string>(email);
  person.unit_id = user.unit_id;
  auto created_person = org::PersonStore(sql_, tenant_id).create(who, person);

  Account a{
      tenant_id, core::new_id(), created_person.id, email, hash_password(user.password), user.role,
      true};
  std::string now = core::now_iso();
  try {
    db::execute(sql_, kInsert,
                {{"tenant_id", a.tenant_id},
                 {"id", a.id},
                 {"person_id", a.person_id},
                 {"email", a.email},
                 {"hash", a.password_hash},
                 {"role", a.role},
                 {"created_at", now},
                 {"updated_at", now}});
  } catch (const soci::soci_error& e) {
    db::map_constraint(e, {{"accounts_email_uq", "accounts.email", [] {
                              throw core::Conflict("an account with this e-mail already exists",
                                                   nullptr, "email_taken");
                            }}});
    throw;
  }
  audit::record(sql_, tenant_id, who, "account", a.id, "create", nullptr,
                {{"email", a.email}, {"role", a.role}, {"person_id", a.person_id}});
  tx.commit();
  return a;
}

std::optional<Account> AccountStore::find_by_email(const std::string& email) {
  auto rows = db::query(sql_, kByEmail, {{"email", email}});
  for (const auto& r : rows) {
    return Account{db::text(r, "tenant_id"),     db::text(r, "id"),
                   db::text(r, "person_id"),     db::text(r, "email"),
                   db::text(r, "password_hash"), db::text(r, "role"),
                   db::integer(r, "active") != 0};
  }
  return std::nullopt;
}

void AccountStore::set_password(const std::string& tenant_id, const core::AuthContext* who,
                                const std::string& account_id, const std::string& password) {
  if (auto p = password_problem(password); !p.empty()) throw core::ValidationError("password", p);
  std::string hash = hash_password(password);
  std::string now = core::now_iso();
  db::WriteTx tx(sql_);
  auto changed =
      db::execute(sql_, kSetPassword,
                  {{"hash", hash}, {"now", now}, {"tenant_id", tenant_id}, {"id", account_id}});
  if (changed != 1) throw core::NotFound("no such account");
  // Every other session of this account ends: a changed password must lock out
  // whoever knew the old one.
  SessionStore(sql_).end_all(tenant_id, account_id);
  db::raise_identity_version(sql_, tenant_id);
  audit::record(sql_, tenant_id, who, "account", account_id, "update", {{"password", "(old)"}},
                {{"password", "(changed)"}});
  tx.commit();
}

std::optional<core::AuthContext> AccountStore::by_session(const std::string& token_hash,
                                                          const std::string& now) {
  auto rows = db::query(sql_, kSessionQuery, {{"hash", token_hash}, {"now", now}});
  for (const auto& r : rows) {
    auto who = identity_from_row(r);
    who.csrf_token = db::text(r, "csrf_token");
    who.session_expires_at = db::text(r, "expires_at");
    return who;
  }
  return std::nullopt;
}

std::optional<core::AuthContext> AccountStore::by_api_token(const std::string& token_hash) {
  auto rows = db::query(sql_, kTokenQuery, {{"hash", token_hash}});
  for (const auto& r : rows) {
    auto who = identity_from_row(r);
    who.via_token = true;
    who.token_id = db::text(r, "token_id");
    who.token_last_used_at = db::text(r, "last_used_at");
    return who;
  }
  return std::nullopt;
}

std::optional<core::AuthContext> AccountStore::by_account(const std::string& tenant_id,
                                                          const std::string& account_id) {
  auto rows = db::query(sql_, kAccountQuery, {{"tenant_id", tenant_id}, {"id", account_id}});
  for (const auto& r : rows) return identity_from_row(r);
  return std::nullopt;
}

nlohmann::json me_json(const core::AuthContext& who) {
  return {{"account_id", who.account_id},
          {"person_id", who.person_id},
          {"name", who.name},
          {"email", who.email},
          {"role", who.role},
          {"locale", who.person_locale.empty() ? who.tenant_locale : who.person_locale},
          {"tenant",
           {{"id", who.tenant_id},
            {"slug", who.tenant_slug},
            {"name", who.tenant_name},
            {"time_zone", who.tenant_time_zone}}},
          {"csrf_token", who.via_token ? nlohmann::json() : nlohmann::json(who.csrf_token)}};
}

}  // namespace accounts
