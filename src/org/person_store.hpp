#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "org/org.hpp"
#include "org/partial_writes.hpp"

namespace org {

// Fields a create or update may carry (accounts, the demo data and the tests name them
// this way); an absent optional leaves the field alone, an inner nullopt clears it.
struct PersonFields {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> unit_id;
  std::optional<std::optional<std::string>> email;
  std::optional<std::optional<std::string>> title;
  std::optional<std::optional<std::string>> locale;
  std::optional<bool> active;
};

// The object with what `fields` names taken over.
Person with(Person p, const PersonFields& fields);

class PersonStore : public db::TenantScoped,
                    public PartialWrites<PersonStore, Person, PersonFields> {
 public:
  using PartialWrites::create;
  using PartialWrites::update;
  using TenantScoped::TenantScoped;

  // Up to `limit` + 1 people with id > `after`; `unit_id` filters when not empty.
  std::vector<Person> page(const std::string& after, int limit, const std::string& unit_id = "");
  std::vector<Person> list(const http::Page& p) { return page(p.after, p.limit); }
  std::optional<Person> find(const std::string& id);
  // The names of those of `ids` who are people of this tenant, by id, in one statement.
  std::map<std::string, std::string> names(const std::set<std::string>& ids);
  bool exists(const std::string& id);  // a person of this tenant
  Person get(const std::string& id);

  // The unit is checked in the write; the e-mail is stored in lower case.
  Person create(const core::AuthContext* who, const Person& fields);
  Person update(const core::AuthContext* who, const Person& changed, long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id,
              std::optional<long long> expected_version);

 private:
  void check_unit(const Person& person);
};

}  // namespace org
