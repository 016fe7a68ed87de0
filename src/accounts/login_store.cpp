#include "accounts/login_store.hpp"

#include <string_view>

#include "accounts/account_store.hpp"
#include "accounts/password.hpp"
#include "accounts/session_store.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/identity_version.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned_wording.hpp"
#include "org/person_store.hpp"

namespace accounts {
namespace {

constexpr std::string_view kByPerson =
    "SELECT id, person_id, email, role, active, version, created_at, updated_at FROM accounts "
    "WHERE tenant_id = :tenant_id AND person_id = :person_id";
constexpr std::string_view kById =
    "SELECT id, person_id, email, role, active, version, created_at, updated_at FROM accounts "
    "WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kInsert =
    "INSERT INTO accounts (tenant_id, id, person_id, email, password_hash, role, active, version, "
    "created_at, updated_at) VALUES (:tenant_id, :id, :person_id, :email, :hash, :role, 1, 1, "
    ":created_at, :updated_at)";
constexpr std::string_view kUpdate =
    "UPDATE accounts SET role = :role, active = :active, version = version + 1, "
    "updated_at = :updated_at WHERE tenant_id = :tenant_id AND id = :id AND version = :version";

Login from_row(const db::Row& r) {
  return {db::text(r, "id"),         db::text(r, "person_id"),      db::text(r, "email"),
          db::text(r, "role"),       db::integer(r, "active") != 0, db::integer(r, "version"),
          db::text(r, "created_at"), db::text(r, "updated_at")};
}

}  // namespace

const kit::Fields<Login>& login_fields() {
  static const kit::Fields<Login> fields = kit::Fields<Login>()
                                               .id(&Login::id)
                                               .output("person_id", &Login::person_id)
                                               .output("email", &Login::email)
                                               .choice("role", &Login::role, {"admin", "member"})
                                               .boolean("active", &Login::active)
                                               .stamps();
  return fields;
}

nlohmann::json to_json(const Login& l) { return login_fields().to_json(l); }

std::optional<Login> LoginStore::for_person(const std::string& person_id) {
  auto rows = db::query(sql_, kByPerson, {{"tenant_id", tenant_id_}, {"person_id", person_id}});
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

Login LoginStore::get(const std::string& id) {
  auto rows = db::query(sql_, kById, {{"tenant_id", tenant_id_}, {"id", id}});
  for (const auto& r : rows) return from_row(r);
  throw core::NotFound("no login with id " + id);
}

Login LoginStore::create(const core::AuthContext& who, const std::string& person_id,
                         const std::string& password, const std::string& role) {
  std::map<std::string, std::string> errors;
  if (role != "admin" && role != "member") errors["role"] = "must be admin or member";
  db::WriteTx tx(sql_);
  auto person = org::PersonStore(sql_, tenant_id_).get(person_id);
  if (auto p = password_problem(password, {person.email.value_or(""), person.name}); !p.empty())
    errors["password"] = p;
  if (!person.email) errors["email"] = "the person needs an e-mail address before they can log in";
  if (!errors.empty()) throw core::ValidationError(errors);
  if (auto existing = for_person(person_id)) {
    throw core::Conflict("the person already has a login", to_json(*existing), "login_exists");
  }
  if (AccountStore(sql_).find_by_email(*person.email)) {
    throw core::Conflict("an account with this e-mail already exists", nullptr, "email_taken");
  }
  Login l{core::new_id(), person_id, *person.email, role, true, 1, core::now_iso(), ""};
  l.updated_at = l.created_at;
  std::string hash = hash_password(password);
  db::execute(sql_, kInsert,
              {{"tenant_id", tenant_id_},
               {"id", l.id},
               {"person_id", l.person_id},
               {"email", l.email},
               {"hash", hash},
               {"role", l.role},
               {"created_at", l.created_at},
               {"updated_at", l.updated_at}});
  audit::record(sql_, tenant_id_, &who, "account", l.id, "create", nullptr, to_json(l));
  tx.commit();
  return l;
}

Login LoginStore::update(const core::AuthContext& who, const std::string& id,
                         long long expected_version, const std::optional<std::string>& role,
                         const std::optional<bool>& active) {
  if (role && *role != "admin" && *role != "member") {
    throw core::ValidationError("role", "must be admin or member");
  }
  const core::Message stale{"err.login_stale"};
  return kit::versioned_update<Login>(
      sql_, tenant_id_, &who, kit::Wording{"account", stale, stale}, id, expected_version,
      [&] { return get(id); },
      [&](long long version) {
        Login before = get(id);
        if (id == who.account_id && ((role && *role != before.role) || (active && !*active))) {
          throw core::Forbidden("you cannot take away your own administrator rights or login");
        }
        std::string new_role = role.value_or(before.role);
        int active_flag = active.value_or(before.active) ? 1 : 0;
        std::string now = core::now_iso();
        auto st_changed = db::execute(sql_, kUpdate,
                                      {{"role", new_role},
                                       {"active", active_flag},
                                       {"updated_at", now},
                                       {"tenant_id", tenant_id_},
                                       {"id", id},
                                       {"version", version}});
        long long rows = st_changed;
        db::raise_identity_version(sql_, tenant_id_);
        // A locked-out login must not keep working through a session opened earlier.
        if (active_flag == 0) SessionStore(sql_).end_all(tenant_id_, id);
        return rows;
      },
      [](const Login& l) { return to_json(l); });
}

}  // namespace accounts
