#include "sso/sign_in.hpp"

#include <cctype>
#include <optional>
#include <string_view>

#include "accounts/account_store.hpp"
#include "accounts/login_store.hpp"
#include "accounts/password.hpp"
#include "accounts/session_store.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "org/person_store.hpp"

namespace sso {
namespace {

constexpr std::string_view kByLink =
    "SELECT person_id FROM sso_identities WHERE tenant_id = :tenant_id AND idp_id = :idp_id "
    "AND subject = :subject";
constexpr std::string_view kByEmployeeId =
    "SELECT person_id FROM scim_users WHERE tenant_id = :tenant_id AND employee_number = :key "
    "AND detached_at IS NULL";
constexpr std::string_view kByEmail =
    "SELECT id FROM people WHERE tenant_id = :tenant_id AND email = :email";
constexpr std::string_view kLink =
    "INSERT INTO sso_identities (tenant_id, idp_id, subject, person_id, created_at, "
    "last_sign_in_at) VALUES (:tenant_id, :idp_id, :subject, :person_id, :now, :now2)";
constexpr std::string_view kTouchLink =
    "UPDATE sso_identities SET last_sign_in_at = :now WHERE tenant_id = :tenant_id AND idp_id = "
    ":idp_id AND subject = :subject";

[[noreturn]] void refuse(const std::string& key) {
  throw core::Forbidden(core::Message{"err." + key}, key);
}

std::optional<std::string> first_id(const db::Rows& rows, std::string_view column) {
  for (const auto& r : rows) return db::text(r, column);
  return std::nullopt;
}

// The provider as the actor of what a sign-in writes (the audit names it).
core::AuthContext actor(const IdentityProvider& idp) {
  core::AuthContext who;
  who.tenant_id = idp.tenant_id;
  who.name = "SSO: " + idp.display_name;
  who.role = "admin";
  return who;
}

std::optional<std::string> find_person(soci::session& sql, const IdentityProvider& idp,
                                       const Claims& c, bool& linked) {
  const std::string& t = idp.tenant_id;
  if (auto id = first_id(
          db::query(sql, kByLink, {{"tenant_id", t}, {"idp_id", idp.id}, {"subject", c.subject}}),
          "person_id")) {
    linked = true;
    return id;
  }
  if (!c.employee_id.empty()) {
    if (auto id = first_id(
            db::query(sql, kByEmployeeId, {{"tenant_id", t}, {"key", c.employee_id}}), "person_id"))
      return id;
  }
  if (!c.email.empty())
    return first_id(db::query(sql, kByEmail, {{"tenant_id", t}, {"email", c.email}}), "id");
  return std::nullopt;
}

std::string create_person(soci::session& sql, const IdentityProvider& idp, const Claims& c,
                          const core::AuthContext& who) {
  if (c.email.empty()) refuse("sso_no_email");
  org::Person fresh;
  fresh.name = c.name.empty() ? c.email : c.name;
  fresh.email = c.email;
  return org::PersonStore(sql, idp.tenant_id).create(&who, fresh).id;
}

}  // namespace

accounts::LoginResult sign_in(soci::session& sql, const IdentityProvider& idp,
                              const Claims& given) {
  Claims claims = given;  // people's e-mails are stored in lower case
  for (auto& ch : claims.email)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!idp.enabled) refuse("sso_disabled");
  if (claims.subject.empty()) throw core::Unauthorized("the provider named no subject");
  const auto who = actor(idp);
  const std::string& tenant = idp.tenant_id;
  db::WriteTx tx(sql);
  bool linked = false;
  auto person_id = find_person(sql, idp, claims, linked);
  if (!person_id) {
    if (idp.provisioning != "jit") refuse("sso_not_invited");
    person_id = create_person(sql, idp, claims, who);
  }
  auto person = org::PersonStore(sql, tenant).get(*person_id);
  if (!person.active) refuse("sso_deactivated");
  const std::string now = core::now_iso();
  if (linked) {
    db::execute(
        sql, kTouchLink,
        {{"now", now}, {"tenant_id", tenant}, {"idp_id", idp.id}, {"subject", claims.subject}});
  } else {
    db::execute(sql, kLink,
                {{"tenant_id", tenant},
                 {"idp_id", idp.id},
                 {"subject", claims.subject},
                 {"person_id", *person_id},
                 {"now", now},
                 {"now2", now}});
  }
  accounts::LoginStore logins(sql, tenant);
  auto role = mapped_role(idp, claims.groups);
  auto login = logins.for_person(*person_id);
  if (!login) {
    if (!person.email) refuse("sso_no_email");
    if (auto other = accounts::AccountStore(sql).find_by_email(*person.email);
        other && other->tenant_id != tenant)
      refuse("sso_other_tenant");
    login = logins.create(who, *person_id, accounts::generate_password(),
                          role.value_or(idp.default_role));
  } else if (!login->active) {
    refuse("sso_deactivated");
  } else if (role && *role != login->role) {
    login = logins.update(who, login->id, login->version, role, std::nullopt);
  }
  auto session = accounts::SessionStore(sql).start(tenant, login->id);
  auto identity = accounts::AccountStore(sql).by_account(tenant, login->id);
  if (!identity) refuse("sso_deactivated");
  identity->csrf_token = session.csrf_token;
  tx.commit();
  return {*identity, session};
}

}  // namespace sso
