#include "org/person_store.hpp"

#include <cctype>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/identity_version.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned_wording.hpp"
#include "org/id_list.hpp"
#include "org/removal.hpp"
#include "org/unit_store.hpp"

namespace org {
namespace {

// The table keeps the fields the API reads and writes, under the same names.
const db::Columns<Person>& columns() {
  static const auto c = person_fields().columns("people");
  return c;
}

const std::string kSelectPage = columns().select_sql() + " AND id > :after ORDER BY id LIMIT :lim";
// A separate statement (not "OR :unit = ''") so the (tenant_id, unit_id) index is used.
const std::string kSelectUnitPage =
    columns().select_sql() + " AND unit_id = :unit_id AND id > :after ORDER BY id LIMIT :lim";

constexpr std::string_view kManages =
    "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id AND manager_id = :id";

constexpr std::string_view kHasAccount =
    "SELECT COUNT(*) FROM accounts WHERE tenant_id = :tenant_id AND person_id = :id";

const kit::Wording kWording{"person", core::Message{"err.person_stale"},
                            core::Message{"err.person_moved"}};

}  // namespace

Person with(Person p, const PersonFields& fields) {
  take(p.name, fields.name);
  take(p.unit_id, fields.unit_id);
  take(p.email, fields.email);
  take(p.title, fields.title);
  take(p.locale, fields.locale);
  take(p.active, fields.active);
  return p;
}

namespace {

// Addresses are compared and stored in lower case.
Person normalised(Person p) {
  if (p.email) {
    for (auto& c : *p.email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
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

}  // namespace

std::vector<Person> PersonStore::page(const std::string& after, int limit,
                                      const std::string& unit_id) {
  return columns().read_all(db::query(
      sql_, unit_id.empty() ? kSelectPage : kSelectUnitPage,
      {{"tenant_id", tenant_id_}, {"unit_id", unit_id}, {"after", after}, {"lim", limit + 1}}));
}

std::optional<Person> PersonStore::find(const std::string& id) {
  return columns().find(sql_, {{"tenant_id", tenant_id_}, {"id", id}});
}

std::map<std::string, std::string> PersonStore::names(const std::set<std::string>& ids) {
  std::map<std::string, std::string> out;
  if (ids.empty()) return out;
  std::vector<db::Arg> args = {{"tenant_id", tenant_id_}};
  const IdList list(ids, args);
  const std::string statement =
      "SELECT id, name FROM people WHERE tenant_id = :tenant_id AND id IN (" + list.sql + ")";
  for (const auto& r : db::query(sql_, statement, args))
    out[db::text(r, "id")] = db::text(r, "name");
  return out;
}

bool PersonStore::exists(const std::string& id) {
  return db::scalar(sql_, columns().exists_sql(), {{"tenant_id", tenant_id_}, {"id", id}}) > 0;
}

Person PersonStore::get(const std::string& id) { return core::found(find(id), "person", id); }

void PersonStore::check_unit(const Person& person) {
  if (person.unit_id && !UnitStore(sql_, tenant_id_).exists(*person.unit_id)) {
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
  try {
    db::execute(sql_, columns().insert_sql(), columns().args(p, {{"tenant_id", tenant_id_}}));
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
        Person row = p;
        row.updated_at = core::now_iso();
        try {
          auto rows =
              db::execute(sql_, columns().update_sql(),
                          columns().args(row, {{"tenant_id", tenant_id_}, {"expected", version}}));
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

void PersonStore::remove(const core::AuthContext* who, const std::string& id,
                         std::optional<long long> expected_version) {
  kit::versioned_remove<Person>(
      sql_, tenant_id_, who, "person", id, expected_version, [&] { return get(id); },
      [&](const Person& before) {
        remove_unless_named(
            sql_, tenant_id_, columns().delete_sql(), id, to_json(before),
            {{kManages,
              {"the person manages a unit; choose another manager first", "person_is_manager"}},
             {kHasAccount,
              {"the person has a login; deactivate them instead", "person_has_account"}}},
            {"the person is still named in projects (roles, meetings, actions or KPIs); remove "
             "them there first",
             "person_in_use"});
      },
      [](const Person& p) { return to_json(p); });
}

}  // namespace org
