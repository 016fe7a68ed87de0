#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "org/org.hpp"

namespace org {

struct PersonFields {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> unit_id;
  std::optional<std::optional<std::string>> email;
  std::optional<std::optional<std::string>> title;
  std::optional<std::optional<std::string>> locale;
  std::optional<bool> active;
};

class PersonStore {
 public:
  PersonStore(soci::session& sql, std::string tenant_id)
      : sql_(sql), tenant_id_(std::move(tenant_id)) {}

  // Up to `limit` + 1 people with id > `after`; `unit_id` filters when not empty.
  std::vector<Person> page(const std::string& after, int limit, const std::string& unit_id = "");
  std::optional<Person> find(const std::string& id);
  Person get(const std::string& id);

  Person create(const core::AuthContext* who, const PersonFields& fields);
  Person update(const core::AuthContext* who, const std::string& id, long long expected_version,
                const PersonFields& fields);
  void remove(const core::AuthContext* who, const std::string& id,
              std::optional<long long> expected_version);

 private:
  void check_unit(const PersonFields& fields);

  soci::session& sql_;
  std::string tenant_id_;
};

}  // namespace org
