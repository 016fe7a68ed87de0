#include "org/person_store.hpp"

#include <cctype>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/identity_version.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned_wording.hpp"

namespace org {
namespace {

constexpr std::string_view kSelectPage =
    "SELECT id, unit_id, name, email, title, locale, active, version, created_at, updated_at "
    "FROM people WHERE tenant_id = :tenant_id AND id > :after ORDER BY id LIMIT :lim";

// A separate statement (not "OR :unit = ''") so the (tenant_id, unit_id) index is used.
constexpr std::string_view kSelectUnitPage =
    "SELECT id, unit_id, name, email, title, locale, active, version, created_at, updated_at "
    "FROM people WHERE tenant_id = :tenant_id AND unit_id = :unit_id AND id > :after "
    "ORDER BY id LIMIT :lim";

constexpr std::string_view kSelectOne =
    "SELECT id, unit_id, name, email, title, locale, active, version, created_at, updated_at "
    "FROM people WHERE tenant_id = :tenant_id AND id = :id";

constexpr std::string_view kInsert =
    "INSERT INTO people (tenant_id, id, unit_id, name, email, title, locale, active, version, "
    "created_at, updated_at) VALUES (:tenant_id, :id, :unit_id, :name, :email, :title, :locale, "
    ":active, 1, :created_at, :updated_at)";

constexpr std::string_view kUpdate =
    "UPDATE people SET unit_id = :unit_id, name = :name, email = :email, title = :title, "
    "locale = :locale, active = :active, version = version + 1, updated_at = :updated_at "
    "WHERE tenant_id = :tenant_id AND id = :id AND version = :version";

constexpr std::string_view kDelete = "DELETE FROM people WHERE tenant_id = :tenant_id AND id = :id";

constexpr std::string_view kUnitExists =
    "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id AND id = :id";

constexpr std::string_view kManages =
    "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id AND manager_id = :id";

constexpr std::string_view kHasAccount =
    "SELECT COUNT(*) FROM accounts WHERE tenant_id = :tenant_id AND person_id = :id";

const kit::Wording kWording{"person", core::Message{"err.person_stale"},
                            core::Message{"err.person_moved"}};

Person with(Person p, const PersonFields& fields) {
  take(p.name, fields.name);
  take(p.unit_id, fields.unit_id);
  take(p.email, fields.email);
  take(p.title, fields.title);
  take(p.locale, fields.locale);
  take(p.active, fields.active);
  return p;
}

// Addresses are compared and stored in lower case.
Person normalised(Person p) {
  if (p.email) {
    for (auto& c : *p.email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return p;
}

Person from_row(const soci::row& r) {
  Person p;
  p.id = db::text(r, "id");
  p.unit_id = db::opt_text(r, "unit_id");
  p.name = db::text(r, "name");
  p.email = db::opt_text(r, "email");
  p.title = db::opt_text(r, "title");
  p.locale = db::opt_text(r, "locale");
  p.active = db::integer(r, "active") != 0;
  p.version = db::integer(r, "version");
  p.created_at = db::text(r, "created_at");
  p.updated_at = db::text(r, "updated_at");
  return p;
}

const std::vector<db::ConstraintRule>& constraint_rules() {
  static const std::vector<db::ConstraintRule> kRules = {
      {"people_email_uq", "people.tenant_id, people.email",
       [] { throw core::ValidationError("email", "is already used by another person"); }},
      {"people_unit_fk", "", [] { throw core::ValidationError("unit_id", "no such unit"); }},
  };
  return kRules;
}

int count(soci::session& sql, std::string_view query, const std::string& tenant_id,
          const std::string& id) {
  int n = 0;
  sql << query, soci::use(tenant_id, "tenant_id"), soci::use(id, "id"), soci::into(n);
  return n;
}

}  // namespace

std::vector<Person> PersonStore::page(const std::string& after, int limit,
                                      const std::string& unit_id) {
  std::vector<Person> out;
  int lim = limit + 1;
  if (unit_id.empty()) {
    soci::rowset<soci::row> rows = (sql_.prepare << kSelectPage, soci::use(tenant_id_, "tenant_id"),
                                    soci::use(after, "after"), soci::use(lim, "lim"));
    for (const auto& r : rows) out.push_back(from_row(r));
  } else {
    soci::rowset<soci::row> rows =
        (sql_.prepare << kSelectUnitPage, soci::use(tenant_id_, "tenant_id"),
         soci::use(unit_id, "unit_id"), soci::use(after, "after"), soci::use(lim, "lim"));
    for (const auto& r : rows) out.push_back(from_row(r));
  }
  return out;
}

std::optional<Person> PersonStore::find(const std::string& id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << kSelectOne, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"));
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

Person PersonStore::get(const std::string& id) {
  auto p = find(id);
  if (!p) throw core::NotFound("no person with id " + id);
  return *p;
}

void PersonStore::check_unit(const Person& person) {
  if (person.unit_id && count(sql_, kUnitExists, tenant_id_, *person.unit_id) == 0) {
    throw core::ValidationError("unit_id", "no such unit");
  }
}

Person PersonStore::create(const core::AuthContext* who, const Person& fields) {
  Person p = normalised(fields);
  p.id = core::new_id();
  p.version = 1;
  p.created_at = p.updated_at = core::now_iso();
  db::WriteTx tx(sql_);
  check_unit(p);
  db::NullableText unit(p.unit_id), email(p.email), title(p.title), locale(p.locale);
  int active = p.active ? 1 : 0;
  try {
    sql_ << kInsert, soci::use(tenant_id_, "tenant_id"), soci::use(p.id, "id"),
        soci::use(unit.value, unit.ind, "unit_id"), soci::use(p.name, "name"),
        soci::use(email.value, email.ind, "email"), soci::use(title.value, title.ind, "title"),
        soci::use(locale.value, locale.ind, "locale"), soci::use(active, "active"),
        soci::use(p.created_at, "created_at"), soci::use(p.updated_at, "updated_at");
  } catch (const soci::soci_error& e) {
    db::map_constraint(e, constraint_rules());
    throw;
  }
  audit::record(sql_, tenant_id_, who, "person", p.id, "create", nullptr, to_json(p));
  tx.commit();
  return p;
}

Person PersonStore::update(const core::AuthContext* who, const Person& changed,
                           long long expected_version) {
  const Person p = normalised(changed);
  return kit::versioned_update<Person>(
      sql_, tenant_id_, who, kWording, p.id, expected_version, [&] { return get(p.id); },
      [&](long long version) {
        check_unit(p);
        db::NullableText unit(p.unit_id), email(p.email), title(p.title), locale(p.locale);
        int active = p.active ? 1 : 0;
        std::string now = core::now_iso();
        try {
          soci::statement st =
              (sql_.prepare << kUpdate, soci::use(unit.value, unit.ind, "unit_id"),
               soci::use(p.name, "name"), soci::use(email.value, email.ind, "email"),
               soci::use(title.value, title.ind, "title"),
               soci::use(locale.value, locale.ind, "locale"), soci::use(active, "active"),
               soci::use(now, "updated_at"), soci::use(tenant_id_, "tenant_id"),
               soci::use(p.id, "id"), soci::use(version, "version"));
          long long rows = kit::changed_rows(st);
          // A person's name and language are part of their login's identity.
          db::raise_identity_version(sql_, tenant_id_);
          return rows;
        } catch (const soci::soci_error& e) {
          db::map_constraint(e, constraint_rules());
          throw;
        }
      },
      [](const Person& person) { return to_json(person); });
}

Person PersonStore::create(const core::AuthContext* who, const PersonFields& fields) {
  return create(who, with(Person{}, fields));
}

Person PersonStore::update(const core::AuthContext* who, const std::string& id,
                           long long expected_version, const PersonFields& fields) {
  return update(who, with(get(id), fields), expected_version);
}

void PersonStore::remove(const core::AuthContext* who, const std::string& id,
                         std::optional<long long> expected_version) {
  db::WriteTx tx(sql_);
  Person before = get(id);
  if (expected_version && *expected_version != before.version) {
    throw core::Conflict("the person was changed by someone else", to_json(before));
  }
  if (count(sql_, kManages, tenant_id_, id) > 0) {
    throw core::Conflict("the person manages a unit; choose another manager first", to_json(before),
                         "person_is_manager");
  }
  if (count(sql_, kHasAccount, tenant_id_, id) > 0) {
    throw core::Conflict("the person has a login; deactivate them instead", to_json(before),
                         "person_has_account");
  }
  try {
    sql_ << kDelete, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id");
  } catch (const soci::soci_error& e) {
    if (!db::is_foreign_key_violation(e)) throw;
    throw core::Conflict(
        "the person is still named in projects (roles, meetings, actions or KPIs); remove them "
        "there first",
        to_json(before), "person_in_use");
  }
  audit::record(sql_, tenant_id_, who, "person", id, "delete", to_json(before), nullptr);
  tx.commit();
}

}  // namespace org
