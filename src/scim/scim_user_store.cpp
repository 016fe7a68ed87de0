#include <string_view>

#include "accounts/login_activation.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "org/person_store.hpp"
#include "scim/scim_store.hpp"

namespace scim {
namespace {

using nlohmann::json;

// People with their SCIM identity, if any; those a SCIM DELETE detached are left out.
constexpr std::string_view kFrom =
    " FROM people p LEFT JOIN scim_users s ON s.tenant_id = p.tenant_id AND s.person_id = p.id "
    "WHERE p.tenant_id = :tenant_id AND s.detached_at IS NULL";
constexpr std::string_view kColumns =
    "SELECT p.id, p.name, p.email, p.title, p.locale, p.active, p.version, p.created_at, "
    "p.updated_at, s.person_id AS linked, s.user_name, s.external_id, s.given_name, "
    "s.family_name, s.employee_number";
// An unlinked person is found by their e-mail, which is what a provider's userName usually is.
constexpr std::string_view kByUserName =
    " AND (s.user_name_key = :key OR (s.person_id IS NULL AND p.email = :key))";
constexpr std::string_view kByExternalId = " AND s.external_id = :key";
constexpr std::string_view kById = " AND p.id = :key";
constexpr std::string_view kEveryone = " AND :key = :key";
constexpr std::string_view kOrder = " ORDER BY p.id LIMIT :lim OFFSET :off";

constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM people p LEFT JOIN scim_users s ON s.tenant_id = p.tenant_id AND "
    "s.person_id = p.id WHERE p.tenant_id = :tenant_id AND s.detached_at IS NULL";
// Whoever has the e-mail, linked, detached or not.
constexpr std::string_view kByEmail =
    "SELECT p.id, s.person_id AS linked, s.detached_at FROM people p LEFT JOIN scim_users s ON "
    "s.tenant_id = p.tenant_id AND s.person_id = p.id WHERE p.tenant_id = :tenant_id AND "
    "p.email = :email";
constexpr std::string_view kIdentity =
    "SELECT user_name, external_id, given_name, family_name, employee_number, detached_at "
    "FROM scim_users WHERE tenant_id = :tenant_id AND person_id = :person_id";
constexpr std::string_view kInsertIdentity =
    "INSERT INTO scim_users (tenant_id, person_id, user_name, user_name_key, external_id, "
    "given_name, family_name, employee_number, detached_at, created_at, updated_at) VALUES "
    "(:tenant_id, :person_id, :user_name, :user_name_key, :external_id, :given_name, "
    ":family_name, :employee_number, NULL, :now, :now)";
constexpr std::string_view kUpdateIdentity =
    "UPDATE scim_users SET user_name = :user_name, user_name_key = :user_name_key, "
    "external_id = :external_id, given_name = :given_name, family_name = :family_name, "
    "employee_number = :employee_number, detached_at = NULL, updated_at = :now "
    "WHERE tenant_id = :tenant_id AND person_id = :person_id";
constexpr std::string_view kDetach =
    "UPDATE scim_users SET user_name_key = NULL, external_id = NULL, detached_at = :now, "
    "updated_at = :now WHERE tenant_id = :tenant_id AND person_id = :person_id";
constexpr std::string_view kReattach =
    "UPDATE scim_users SET detached_at = NULL WHERE tenant_id = :tenant_id AND "
    "person_id = :person_id";
constexpr std::string_view kInsertDetached =
    "INSERT INTO scim_users (tenant_id, person_id, detached_at, created_at, updated_at) "
    "VALUES (:tenant_id, :person_id, :now, :now, :now)";

[[noreturn]] void taken(const std::string& what) {
  throw core::Conflict(what + " belongs to another user", nullptr, "uniqueness");
}

const std::vector<db::ConstraintRule>& constraint_rules() {
  static const std::vector<db::ConstraintRule> kRules = {
      {"scim_users_user_name_uq", "scim_users.tenant_id, scim_users.user_name_key",
       [] { taken("userName"); }},
      {"scim_users_external_id_uq", "scim_users.tenant_id, scim_users.external_id",
       [] { taken("externalId"); }},
  };
  return kRules;
}

StoredUser read(const db::Row& r) {
  StoredUser s;
  User& u = s.user;
  u.name = db::text(r, "name");
  u.email = db::opt_text(r, "email");
  u.title = db::opt_text(r, "title");
  u.locale = db::opt_text(r, "locale");
  u.active = db::integer(r, "active") != 0;
  u.external_id = db::opt_text(r, "external_id");
  u.given_name = db::opt_text(r, "given_name");
  u.family_name = db::opt_text(r, "family_name");
  u.employee_number = db::opt_text(r, "employee_number");
  s.meta.id = db::text(r, "id");
  u.user_name = db::opt_text(r, "user_name").value_or(u.email.value_or(s.meta.id));
  s.meta.created = db::text(r, "created_at");
  s.meta.last_modified = db::text(r, "updated_at");
  s.meta.version = db::integer(r, "version");
  return s;
}

json identity_json(const User& u) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(); };
  return {{"userName", u.user_name},
          {"externalId", opt(u.external_id)},
          {"givenName", opt(u.given_name)},
          {"familyName", opt(u.family_name)},
          {"employeeNumber", opt(u.employee_number)}};
}

org::Person person_of(org::Person p, const User& u) {
  p.name = u.name;
  p.email = u.email;
  p.title = u.title;
  p.locale = u.locale;
  p.active = u.active;
  return p;
}

}  // namespace

std::vector<StoredUser> UserStore::select(const std::string& where, const std::string& key,
                                          long long offset, long long count) {
  std::string statement = std::string(kColumns) + std::string(kFrom) + where + std::string(kOrder);
  std::vector<StoredUser> out;
  for (const auto& r :
       db::query(sql_, statement,
                 {{"tenant_id", tenant_id_}, {"key", key}, {"lim", count}, {"off", offset}})) {
    out.push_back(read(r));
  }
  return out;
}

StoredUser UserStore::get(const std::string& id) {
  auto found = select(std::string(kById), id);
  if (found.empty()) throw core::NotFound("no such user");
  return found.front();
}

std::vector<StoredUser> UserStore::page(long long offset, long long count) {
  return select(std::string(kEveryone), "", offset, count);
}

long long UserStore::count() { return db::scalar(sql_, kCount, {{"tenant_id", tenant_id_}}); }

std::vector<StoredUser> UserStore::find(const Filter& filter) {
  std::string value = filter.value.is_string() ? filter.value.get<std::string>() : "";
  if (filter.attribute == "username") return select(std::string(kByUserName), lower(value));
  if (filter.attribute == "externalid") return select(std::string(kByExternalId), value);
  throw core::BadRequest("users are filtered by userName or externalId", "invalidFilter");
}

void UserStore::write_identity(const core::AuthContext& who, const std::string& person_id,
                               const User& user) {
  auto before = db::query(sql_, kIdentity, {{"tenant_id", tenant_id_}, {"person_id", person_id}});
  std::string now = core::now_iso();
  std::string key = lower(user.user_name);
  std::initializer_list<db::Arg> args = {{"tenant_id", tenant_id_},
                                         {"person_id", person_id},
                                         {"user_name", user.user_name},
                                         {"user_name_key", key},
                                         {"external_id", user.external_id},
                                         {"given_name", user.given_name},
                                         {"family_name", user.family_name},
                                         {"employee_number", user.employee_number},
                                         {"now", now}};
  json old;
  try {
    if (before.empty()) {
      db::execute(sql_, kInsertIdentity, args);
    } else {
      old = {{"userName", db::opt_text(before[0], "user_name").value_or("")},
             {"externalId", db::opt_text(before[0], "external_id").value_or("")}};
      db::execute(sql_, kUpdateIdentity, args);
    }
  } catch (const soci::soci_error& e) {
    db::map_constraint(e, constraint_rules());
    throw;
  }
  json after = identity_json(user);
  if (!old.is_null()) {
    old["givenName"] = db::opt_text(before[0], "given_name").value_or("");
    old["familyName"] = db::opt_text(before[0], "family_name").value_or("");
    old["employeeNumber"] = db::opt_text(before[0], "employee_number").value_or("");
  }
  audit::record(sql_, tenant_id_, &who, "scim_user", person_id, old.is_null() ? "create" : "update",
                old, after);
}

StoredUser UserStore::create(const core::AuthContext& who, const User& user) {
  db::WriteTx tx(sql_);
  if (!find({"username", user.user_name}).empty()) taken("userName");
  if (user.external_id && !find({"externalid", *user.external_id}).empty()) taken("externalId");
  org::PersonStore people(sql_, tenant_id_);
  std::string id;
  if (user.email) {
    auto owner = db::query(sql_, kByEmail, {{"tenant_id", tenant_id_}, {"email", *user.email}});
    if (!owner.empty()) {
      // A person made by hand before provisioning began (or detached by an earlier DELETE) is
      // taken over rather than duplicated; one linked to another identity is not.
      if (!owner[0].is_null("linked") && owner[0].is_null("detached_at")) taken("the e-mail");
      id = db::text(owner[0], "id");
      db::execute(sql_, kReattach, {{"tenant_id", tenant_id_}, {"person_id", id}});
    }
  }
  if (id.empty()) {
    org::Person fresh = person_of({}, user);
    fresh.active = true;
    id = people.create(&who, fresh).id;
  }
  auto stored = replace(who, id, user);
  tx.commit();
  return stored;
}

StoredUser UserStore::replace(const core::AuthContext& who, const std::string& id,
                              const User& user) {
  db::WriteTx tx(sql_);
  StoredUser current = get(id);
  if (user.email && user.email != current.user.email) {
    auto owner = db::query(sql_, kByEmail, {{"tenant_id", tenant_id_}, {"email", *user.email}});
    if (!owner.empty() && db::text(owner[0], "id") != id) taken("the e-mail");
  }
  org::PersonStore people(sql_, tenant_id_);
  org::Person person = people.get(id);
  org::Person changed = person_of(person, user);
  if (changed.name != person.name || changed.email != person.email ||
      changed.title != person.title || changed.locale != person.locale ||
      changed.active != person.active) {
    people.update(&who, changed, person.version);
  }
  if (changed.active != person.active) {
    accounts::set_login_active(sql_, tenant_id_, who, id, changed.active);
  }
  write_identity(who, id, user);
  auto stored = get(id);
  tx.commit();
  return stored;
}

void UserStore::detach(const core::AuthContext& who, const std::string& id) {
  db::WriteTx tx(sql_);
  StoredUser current = get(id);
  org::PersonStore people(sql_, tenant_id_);
  org::Person person = people.get(id);
  if (person.active) {
    person.active = false;
    people.update(&who, person, person.version);
  }
  accounts::set_login_active(sql_, tenant_id_, who, id, false);
  std::string now = core::now_iso();
  if (db::execute(sql_, kDetach, {{"now", now}, {"tenant_id", tenant_id_}, {"person_id", id}}) ==
      0) {
    db::execute(sql_, kInsertDetached,
                {{"tenant_id", tenant_id_}, {"person_id", id}, {"now", now}});
  }
  audit::record(sql_, tenant_id_, &who, "scim_user", id, "delete", identity_json(current.user),
                nullptr);
  tx.commit();
}

}  // namespace scim
